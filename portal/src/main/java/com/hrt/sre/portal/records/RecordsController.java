package com.hrt.sre.portal.records;

import com.hrt.sre.portal.system.InvalidRequestException;
import com.hrt.sre.portal.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The records API that the load generator and batch-sync exercise.
 *
 * <p>Paging parameters are taken as text and checked here, so that one 400 names every bad
 * parameter ({@code page=-1&size=abc} reports both) in the portal's own words.
 */
@RestController
@RequestMapping("/api/records")
class RecordsController {

  static final int MAX_PAGE_SIZE = 500;
  static final int DEFAULT_PAGE_SIZE = 50;

  private final RecordCatalogue catalogue;

  RecordsController(RecordCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping
  RecordPage list(
      @RequestParam(name = "page", defaultValue = "0") String pageParam,
      @RequestParam(name = "size", defaultValue = "" + DEFAULT_PAGE_SIZE) String sizeParam) {
    Map<String, String> errors = new LinkedHashMap<>();
    Long page = parseLong(pageParam);
    if (page == null || page < 0) {
      errors.put("page", "must be a whole number >= 0, got '" + pageParam + "'");
    }
    Long size = parseLong(sizeParam);
    if (size == null || size < 1 || size > MAX_PAGE_SIZE) {
      errors.put(
          "size",
          "must be a whole number from 1 to " + MAX_PAGE_SIZE + ", got '" + sizeParam + "'");
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid paging parameters", errors);
    }
    int pageSize = size.intValue();
    if (page > catalogue.total() / pageSize + 1) {
      // Far past the end: answer like any page past the end, without overflowing page * size.
      return new RecordPage(List.of(), page, pageSize, catalogue.total());
    }
    return new RecordPage(catalogue.page(page, pageSize), page, pageSize, catalogue.total());
  }

  @GetMapping("/{id}")
  CatalogueRecord one(@PathVariable("id") String idParam) {
    Long id = parseLong(idParam);
    if (id == null) {
      throw new InvalidRequestException(
          "invalid record id", Map.of("id", "must be a whole number, got '" + idParam + "'"));
    }
    return catalogue
        .find(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no record with id " + id + " (ids are 1.." + catalogue.total() + ")"));
  }

  private static Long parseLong(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
