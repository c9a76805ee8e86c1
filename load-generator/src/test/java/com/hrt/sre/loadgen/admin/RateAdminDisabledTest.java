package com.hrt.sre.loadgen.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.loadgen.LoadGeneratorHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** No LOADGEN_ADMIN_TOKEN: the admin API is switched off (403), never open. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "load-generator.rate=0", "LOADGEN_ADMIN_TOKEN="})
class RateAdminDisabledTest {

  @LocalServerPort int port;

  @Test
  void putIsForbiddenWithOrWithoutATokenAndChangesNothing() {
    LoadGeneratorHttp http = new LoadGeneratorHttp(port);

    for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
      HttpResponse<String> response = http.putRate("{\"rate\": 10}", authorization);

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("LOADGEN_ADMIN_TOKEN");
    }
    assertThat(http.metric("loadgen_target_rate", "")).contains(0.0);
  }

  @Test
  void getIsForbiddenToo() {
    assertThat(new LoadGeneratorHttp(port).get("/admin/rate").statusCode()).isEqualTo(403);
  }
}
