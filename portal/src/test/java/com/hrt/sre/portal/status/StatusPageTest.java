package com.hrt.sre.portal.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@PortalHttpTest
// Its own instance name, hence its own application context: the traffic counts are this test's.
@TestPropertySource(
    properties = {
      "portal.chaos.admin-token=" + PortalClient.TOKEN,
      "portal.instance.name=status-page-pod"
    })
class StatusPageTest {

  @LocalServerPort int port;

  @Test
  void showsInstanceVersionProbesChaosAndTraffic() {
    PortalClient portal = new PortalClient(port);
    portal.putAsAdmin("/admin/chaos", "{\"failureRate\": 1.0, \"latencyMs\": 5}");
    try {
      for (int i = 0; i < 3; i++) {
        portal.get("/api/records/1");
      }
      HttpResponse<String> page = portal.get("/");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(page.body())
          .contains("status-page-pod")
          .contains("version 0.1.0-SNAPSHOT")
          .contains("CORRECT")
          .contains("ACCEPTING_TRAFFIC")
          .contains("100.0 %")
          .contains("5 ms")
          .contains("<dt>Requests</dt><dd class=\"big\">3</dd>")
          .contains("5xx errors</dt><dd>3 (100.0 %)");
    } finally {
      portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
    }
  }

  @Test
  void loadsNothingFromOtherHosts() {
    String html = new PortalClient(port).get("/").body();

    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
  }
}
