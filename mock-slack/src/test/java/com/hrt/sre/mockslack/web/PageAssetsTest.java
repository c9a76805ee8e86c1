package com.hrt.sre.mockslack.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The page is served from the jar and needs nothing from the internet. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageAssetsTest {

  @LocalServerPort int port;

  @Test
  void rootServesThePageWithItsOwnScriptAndStyles() {
    MockSlackClient client = new MockSlackClient(port);

    HttpResponse<String> page = client.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("src=\"app.js\"").contains("href=\"app.css\"");
    assertThat(client.get("/app.js").statusCode()).isEqualTo(200);
    assertThat(client.get("/app.css").statusCode()).isEqualTo(200);
  }

  @Test
  void noAssetIsLoadedFromAnotherHost() {
    MockSlackClient client = new MockSlackClient(port);
    String all =
        client.get("/").body() + client.get("/app.js").body() + client.get("/app.css").body();

    assertThat(all)
        .doesNotContainPattern("(src|href)=\"(https?:)?//")
        .doesNotContainPattern("url\\((['\"])?(https?:)?//")
        .doesNotContainPattern("@import");
  }
}
