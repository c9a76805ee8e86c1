package com.hrt.sre.loadgen.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.loadgen.LoadGeneratorHttp;
import com.hrt.sre.testsupport.UnfinishedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin API with a token: the token is checked before the body is read or validated, and at
 * most 64 KiB of a body is read, declared or chunked. Same rules as the portal's admin API.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "load-generator.rate=0",
      "load-generator.admin.token=" + LoadGeneratorHttp.TOKEN
    })
class RateAdminAccessTest {

  static final int LIMIT = 64 * 1024;
  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @LocalServerPort int port;
  private LoadGeneratorHttp http;

  @BeforeEach
  void pause() {
    http = new LoadGeneratorHttp(port);
    http.putRate(0);
  }

  @Test
  void tokenIsCheckedBeforeTheBodyIsValidated() {
    HttpResponse<String> response = http.putRate("not json", "Bearer wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(response.body()).contains("\"error\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer " + LoadGeneratorHttp.TOKEN + "x", "Bearer x", "Bearer "})
  void aTokenOfAnyOtherLengthIsRefused(String authorization) {
    assertThat(http.putRate("{\"rate\": 3}", authorization).statusCode()).isEqualTo(401);
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":0.0");
  }

  @Test
  void getNeedsTheTokenToo() throws Exception {
    HttpResponse<String> response =
        HTTP_1_1.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/rate")).build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Content-Length: 314572800", "Transfer-Encoding: chunked"})
  void largeBodyWithoutATokenIsRefusedBeforeItIsRead(String framing) throws IOException {
    double before = rejected("unauthorized");

    try (UnfinishedRequest request =
        new UnfinishedRequest(port, "PUT", "/admin/rate", framing, null)) {
      assertThat(request.sendSpaces(16 * 1024).readAnswer()).startsWith("HTTP/1.1 401 ");
    }
    assertThat(rejected("unauthorized")).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void bodyOverTheLimitIs413AndChangesNothing(boolean chunked) throws Exception {
    double before = rejected("body_too_large");
    // Valid JSON that would set the rate to 7 if it were read to its end.
    byte[] body = new byte[LIMIT + 1];
    Arrays.fill(body, (byte) ' ');
    byte[] start = "{\"rate\": 7".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(start, 0, body, 0, start.length);
    body[body.length - 1] = '}';

    HttpResponse<String> response =
        HTTP_1_1.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/rate"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", LoadGeneratorHttp.BEARER)
                .PUT(
                    chunked
                        ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : BodyPublishers.ofByteArray(body))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.body()).contains("\"error\"").contains(Integer.toString(LIMIT));
    assertThat(rejected("body_too_large")).isEqualTo(before + 1);
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":0.0");
  }

  private double rejected(String reason) {
    return http.metric("loadgen_admin_rejected_requests_total", "reason=\"" + reason + "\"")
        .orElse(0.0);
  }
}
