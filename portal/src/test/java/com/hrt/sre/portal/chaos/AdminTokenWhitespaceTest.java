package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A token mounted from a Secret often ends in a newline ({@code echo token > file}); the configured
 * token is trimmed like the presented one, so it still unlocks the admin API.
 */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.admin-token=" + PortalClient.TOKEN + "\\r\\n")
class AdminTokenWhitespaceTest {

  @LocalServerPort int port;

  @Test
  void configuredTokenWithATrailingNewlineAcceptsTheTokenWithoutIt() {
    PortalClient portal = new PortalClient(port);

    assertThat(portal.getAsAdmin("/admin/chaos").statusCode()).isEqualTo(200);
    assertThat(
            portal
                .put("/admin/chaos", "{\"latencyMs\": 0}", "Bearer  " + PortalClient.TOKEN)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWrongTokenIsStillRefused() {
    PortalClient portal = new PortalClient(port);

    assertThat(portal.put("/admin/chaos", "{}", "Bearer " + PortalClient.TOKEN + "x").statusCode())
        .isEqualTo(401);
  }
}
