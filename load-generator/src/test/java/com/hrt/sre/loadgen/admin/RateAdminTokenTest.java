package com.hrt.sre.loadgen.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.loadgen.LoadGeneratorHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With LOADGEN_ADMIN_TOKEN set, only a caller with the token may change the rate. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "load-generator.rate=0",
      "LOADGEN_ADMIN_TOKEN=" + LoadGeneratorHttp.TOKEN
    })
class RateAdminTokenTest {

  @LocalServerPort int port;

  @Test
  void putWithoutTheTokenIsUnauthorizedAndChangesNothing() {
    LoadGeneratorHttp http = new LoadGeneratorHttp(port);

    HttpResponse<String> response = http.putRate("{\"rate\": 10}", "Bearer wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"error\"");
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":0.0");
  }

  @Test
  void putWithTheTokenChangesTheRate() {
    LoadGeneratorHttp http = new LoadGeneratorHttp(port);

    HttpResponse<String> response = http.putRate("{\"rate\": 0.5}", LoadGeneratorHttp.BEARER);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":0.5");
    http.putRate("{\"rate\": 0}", LoadGeneratorHttp.BEARER);
  }
}
