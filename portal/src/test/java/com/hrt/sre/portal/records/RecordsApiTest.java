package com.hrt.sre.portal.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@PortalHttpTest
@TestPropertySource(properties = "portal.records.count=1234")
class RecordsApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  private PortalClient portal;

  @BeforeEach
  void connect() {
    portal = new PortalClient(port);
  }

  @Test
  void listsAPageWithItemsPageSizeAndTotal() {
    JsonNode body = json(portal.get("/api/records?page=2&size=20"), 200);

    assertThat(body.propertyNames()).containsExactlyInAnyOrder("items", "page", "size", "total");
    assertThat(body.get("page").asInt()).isEqualTo(2);
    assertThat(body.get("size").asInt()).isEqualTo(20);
    assertThat(body.get("total").asLong()).isEqualTo(1234);
    assertThat(body.get("items")).hasSize(20);
    assertThat(body.get("items").get(0).get("id").asLong()).isEqualTo(41);
    assertThat(body.get("items").get(19).get("id").asLong()).isEqualTo(60);
  }

  @Test
  void defaultsToTheFirstPageOfFifty() {
    JsonNode body = json(portal.get("/api/records"), 200);

    assertThat(body.get("page").asInt()).isZero();
    assertThat(body.get("size").asInt()).isEqualTo(50);
    assertThat(body.get("items").get(0).get("id").asLong()).isEqualTo(1);
  }

  @Test
  void lastPageIsShortAndPagesPastTheEndAreEmpty() {
    assertThat(json(portal.get("/api/records?page=2&size=500"), 200).get("items")).hasSize(234);
    assertThat(json(portal.get("/api/records?page=3&size=500"), 200).get("items")).isEmpty();
    assertThat(json(portal.get("/api/records?page=9223372036854775807&size=500"), 200).get("items"))
        .isEmpty();
  }

  @Test
  void recordsAreTheSameInEveryListingAndByIdAndAfterARestart() {
    JsonNode fromList = json(portal.get("/api/records?page=0&size=10"), 200).get("items").get(6);
    JsonNode byId = json(portal.get("/api/records/7"), 200);
    // A new catalogue is what a restarted instance has: records are a pure function of the id.
    CatalogueRecord afterRestart =
        new RecordCatalogue(new RecordsProperties(1234)).find(7).orElseThrow();

    assertThat(byId).isEqualTo(fromList);
    assertThat(JSON.treeToValue(byId, CatalogueRecord.class)).isEqualTo(afterRestart);
    assertThat(byId.get("name").asString()).endsWith("-7");
  }

  @ParameterizedTest(name = "page={0} size={1} -> errors on {2}")
  @CsvSource({
    "-1, 20, page",
    "abc, 20, page",
    "0, 0, size",
    "0, 501, size",
    "0, x, size",
    "0, 1.5, size",
  })
  void badPagingIs400NamingTheParameter(String page, String size, String badParameter) {
    JsonNode body = json(portal.get("/api/records?page=" + page + "&size=" + size), 400);

    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("errors").propertyNames()).containsExactly(badParameter);
  }

  @Test
  void badPageAndBadSizeAreBothNamed() {
    JsonNode body = json(portal.get("/api/records?page=-5&size=100000"), 400);

    assertThat(body.get("errors").propertyNames()).containsExactlyInAnyOrder("page", "size");
  }

  @Test
  void sizeFiveHundredIsTheLargestAllowed() {
    assertThat(json(portal.get("/api/records?size=500"), 200).get("items")).hasSize(500);
  }

  @ParameterizedTest
  @CsvSource({"0", "1235", "-3"})
  void unknownIdIs404WithAJsonBody(String id) {
    JsonNode body = json(portal.get("/api/records/" + id), 404);

    assertThat(body.get("detail").asString()).contains("no record with id " + id);
  }

  @Test
  void nonNumericIdIs400() {
    JsonNode body = json(portal.get("/api/records/abc"), 400);

    assertThat(body.get("errors").propertyNames()).containsExactly("id");
  }

  @Test
  void lastIdExists() {
    assertThat(json(portal.get("/api/records/1234"), 200).get("id").asLong()).isEqualTo(1234);
  }

  private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }
}
