package com.hrt.sre.servicesupport.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Tomcat on 127.0.0.1 with and without virtual threads, scraped over HTTP. */
class PlatformThreadScrapeTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void withVirtualThreadsRequestsRunOnThemAndTheScrapeIsWrittenOnAPlatformThread()
      throws Exception {
    start(true);

    assertThat(get("/thread", "*/*").body()).isEqualTo("virtual");
    assertThat(app.getBean(PrometheusScrapeEndpoint.class))
        .isInstanceOf(PlatformThreadScrapeEndpoint.class);
    HttpResponse<String> text = get("/metrics", "text/plain");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain;version=0.0.4"));
    assertThat(text.body()).contains("\nscrape_on_virtual_thread 0.0\n");
  }

  @Test
  void theOtherFormatsAndTheNameFilterStillWork() throws Exception {
    start(true);

    HttpResponse<String> open = get("/metrics", "application/openmetrics-text");
    assertThat(open.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(open.body()).contains("scrape_on_virtual_thread 0.0").endsWith("# EOF\n");
    assertThat(get("/metrics?includedNames=scrape_on_virtual_thread", "text/plain").body())
        .contains("scrape_on_virtual_thread 0.0")
        .doesNotContain("jvm_");
  }

  @Test
  void withoutVirtualThreadsBootsOwnEndpointServes() throws Exception {
    start(false);

    assertThat(get("/thread", "*/*").body()).isEqualTo("platform");
    assertThat(app.getBean(PrometheusScrapeEndpoint.class).getClass())
        .isEqualTo(PrometheusScrapeEndpoint.class);
    assertThat(get("/metrics", "text/plain").body()).contains("\nscrape_on_virtual_thread 0.0\n");
  }

  private void start(boolean virtualThreads) {
    app =
        new SpringApplicationBuilder(ScrapeApp.class)
            .properties(ScrapeApp.PROPERTIES)
            .properties("spring.threads.virtual.enabled=" + virtualThreads)
            .run();
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
