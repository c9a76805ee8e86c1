package com.hrt.sre.batchsync.sync;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** One page of the portal's records API: {@code {"items": [...], "page", "size", "total"}}. */
record RecordsPage(List<JsonNode> items, int page, int size, long total) {

  RecordsPage {
    items = items == null ? List.of() : items;
  }
}
