package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** No PORTAL_ADMIN_TOKEN: the admin API is switched off (403), whatever the caller sends. */
@PortalHttpTest
@TestPropertySource(properties = {"portal.chaos.admin-token=", "portal.chaos.failure-rate=0.0"})
class ChaosAdminDisabledTest {

  @LocalServerPort int port;

  @Test
  void everyAdminEndpointIsForbiddenWithOrWithoutAToken() {
    PortalClient portal = new PortalClient(port);
    for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
      assertThat(portal.put("/admin/chaos", "{\"failureRate\": 1.0}", authorization).statusCode())
          .isEqualTo(403);
      assertThat(portal.post("/admin/chaos/reset", authorization).statusCode()).isEqualTo(403);
    }
    assertThat(portal.get("/admin/chaos").statusCode()).isEqualTo(403);
    assertThat(portal.get("/admin/chaos").body()).contains("PORTAL_ADMIN_TOKEN");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Content-Length: 314572800", "Transfer-Encoding: chunked"})
  void largeBodyIsRefusedBeforeItIsRead(String framing) throws IOException {
    String answer = AdminBodyLimitsTest.startBodyAndReadAnswer(port, framing, "Bearer anything");

    assertThat(answer).startsWith("HTTP/1.1 403 ").contains("PORTAL_ADMIN_TOKEN");
  }

  @Test
  void nothingChangesWhenAdminIsDisabled() {
    PortalClient portal = new PortalClient(port);
    portal.put("/admin/chaos", "{\"failureRate\": 1.0}", "Bearer ");

    assertThat(portal.get("/api/records/1").statusCode()).isEqualTo(200);
    assertThat(portal.get("/metrics").body())
        .contains("portal_chaos_failure_rate{application=\"portal\"} 0.0");
  }
}
