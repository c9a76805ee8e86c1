package com.hrt.sre.mockslack.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.mockslack.MockSlackClient;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}), driven
 * by Selenium through the system chromedriver: messages appear live without a reload, the channel
 * and status filters work, and a screenshot is saved under target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {

  static final Duration BOUND = Duration.ofSeconds(20);
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;
  @TempDir Path profile;
  MockSlackClient client;
  WebDriver browser;

  @BeforeEach
  void openBrowser() {
    Path chromium =
        ExternalTool.require("apt-get install chromium", "chromium", "chromium-browser");
    Path chromedriver = ExternalTool.require("apt-get install chromium-driver", "chromedriver");
    client = new MockSlackClient(port);
    client.delete("/api/messages");

    // With the driver given to the service, Selenium's DriverFinder logs "Skipping Selenium
    // Manager" and never runs it, so nothing reaches for the network.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withLogFile(Path.of("target", "chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void messagePostedOverHttpAppearsLiveWithoutReload() {
    openPageAndWaitUntilLive();
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

    client.postSlack(
        """
        {"channel":"#alerts-critical","username":"Alertmanager","attachments":[{
          "title":"[FIRING:1] BrowserLiveAlert","color":"danger",
          "text":"*Live from the browser test*"}]}
        """);

    WebElement message = awaitMessageContaining("BrowserLiveAlert");
    assertThat(message.getAttribute("data-channel")).isEqualTo("#alerts-critical");
    assertThat(message.findElement(By.cssSelector(".status-pill")).getText())
        .isEqualToIgnoringCase("firing");
    assertThat(message.findElement(By.cssSelector(".att-text b")).getText())
        .isEqualTo("Live from the browser test");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true"))
        .as("the page was not reloaded")
        .isEqualTo(true);
  }

  @Test
  void switchingChannelShowsOnlyThatChannel() {
    client.postSlack(MockSlackClient.fixture("slack-default-firing")); // #alerts
    client.postSlack(MockSlackClient.fixture("slack-custom-firing")); // #alerts-critical
    openPageAndWaitUntilLive();
    awaitPage().until(() -> messages().size() == 2);

    browser.findElement(By.cssSelector(".channel-item[data-channel='#alerts-critical']")).click();

    awaitPage()
        .until(
            () ->
                browser.findElement(By.id("channel-title")).getText().equals("#alerts-critical")
                    && messages().size() == 1);
    assertThat(messages().get(0).getAttribute("data-channel")).isEqualTo("#alerts-critical");
    assertThat(browser.getCurrentUrl()).endsWith("#channel=%23alerts-critical");

    client.postSlack("{\"channel\":\"#alerts\",\"text\":\"elsewhere\"}");
    client.postSlack(MockSlackClient.fixture("slack-custom-resolved")); // #alerts-critical
    awaitPage().until(() -> messages().size() == 2);
    assertThat(messages())
        .allSatisfy(m -> assertThat(m.getAttribute("data-channel")).isEqualTo("#alerts-critical"));
    // The sidebar follows too: counts, and a red count where the newest message is firing.
    awaitPage("both channels counted, #alerts not firing")
        .until(
            () ->
                countOf("#alerts-critical").getText().equals("2")
                    && countOf("#alerts").getText().equals("2")
                    && !countOf("#alerts").getAttribute("class").contains("firing"));
    screenshot("mock-slack-alerts-critical.png");
  }

  @Test
  void statusFilterShowsOnlyResolved() {
    client.postSlack(MockSlackClient.fixture("slack-custom-firing"));
    client.postSlack(MockSlackClient.fixture("slack-custom-resolved"));
    openPageAndWaitUntilLive();
    awaitPage().until(() -> messages().size() == 2);

    browser.findElement(By.cssSelector("#status-filter button[data-status='resolved']")).click();

    awaitPage().until(() -> messages().size() == 1);
    assertThat(messages().get(0).getAttribute("data-status")).isEqualTo("resolved");
  }

  @Test
  void screenshotOfTheAllChannelsViewWithRealNotifications() {
    client.postSlack(MockSlackClient.fixture("slack-default-firing"));
    client.postSlack(MockSlackClient.fixture("slack-custom-firing"));
    client.postJson(
        "/api/alertmanager?channel=%23alerts-critical", MockSlackClient.fixture("webhook-firing"));
    client.postSlack(MockSlackClient.fixture("slack-custom-resolved"));
    client.postJson(
        "/api/alertmanager?channel=%23alerts-critical",
        MockSlackClient.fixture("webhook-resolved"));
    openPageAndWaitUntilLive();
    awaitPage().until(() -> messages().size() == 5);

    // The grouped alerts of one notification are shown together under it.
    WebElement grouped = messages().get(4);
    assertThat(grouped.findElements(By.cssSelector(".alerts .alert"))).hasSize(2);
    assertThat(grouped.findElement(By.cssSelector(".alert a")).getAttribute("href"))
        .endsWith("/docs/runbooks/PortalHighErrorRate.md");
    Path shot = screenshot("mock-slack-all-channels.png");
    assertThat(shot).isNotEmptyFile();
  }

  @Test
  void headerShowsTheAlertingPipelineHealthyOnceAHeartbeatArrives() {
    openPageAndWaitUntilLive();
    WebElement pipeline = browser.findElement(By.id("pipeline-status"));
    awaitPage()
        .until(
            () ->
                !pipeline.getText().endsWith("…")
                    && !"healthy".equals(pipeline.getAttribute("data-status")));

    client.postJson("/api/pipeline/heartbeat", MockSlackClient.fixture("webhook-firing"));
    browser.navigate().refresh();

    awaitPage("the header reads healthy")
        .until(
            () ->
                browser
                    .findElement(By.id("pipeline-status"))
                    .getText()
                    .equals("alerting pipeline: healthy"));
    assertThat(browser.findElement(By.id("pipeline-status")).getAttribute("data-status"))
        .isEqualTo("healthy");
    screenshot("mock-slack-pipeline-healthy.png");
  }

  private void openPageAndWaitUntilLive() {
    browser.get(client.baseUrl() + "/");
    awaitPage("the page's live stream is open")
        .until(
            () ->
                "open"
                    .equals(browser.findElement(By.id("live-status")).getAttribute("data-state")));
  }

  private WebElement countOf(String channel) {
    return browser.findElement(
        By.cssSelector(".channel-item[data-channel='" + channel + "'] .count"));
  }

  /**
   * Awaits a condition on the live page. The page re-renders its lists as messages arrive, so an
   * element found a moment ago can be gone when it is read: that is retried, not a failure.
   */
  private static ConditionFactory awaitPage(String alias) {
    return await(alias).atMost(BOUND).ignoreException(StaleElementReferenceException.class);
  }

  private static ConditionFactory awaitPage() {
    return awaitPage(null);
  }

  private List<WebElement> messages() {
    return browser.findElements(By.cssSelector("#message-list .message"));
  }

  private WebElement awaitMessageContaining(String text) {
    return awaitPage("a message containing " + text)
        .until(
            () ->
                messages().stream()
                    .filter(m -> m.getText().contains(text))
                    .findFirst()
                    .orElse(null),
            m -> m != null);
  }

  private Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      return Files.copy(png, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("screenshot not saved", e);
    }
  }
}
