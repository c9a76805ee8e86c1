package com.hrt.sre.mockslack.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.mockslack.MockSlackClient;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The incident actions in two real headless Chromium windows (Debian {@code chromium} + {@code
 * chromium-driver}) on one mock-slack backed by the real Alertmanager: what one window does
 * (acknowledge, silence, expire) shows in the other without a reload. Screenshots of a firing alert
 * with its actions and of a silenced one go to target/screenshots/ (docs/images/ holds copies).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentBrowserTest {

  static final Duration BOUND = Duration.ofSeconds(20);
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final int ALERTMANAGER_PORT = FreePort.pick();
  static final String ALERTMANAGER = "http://127.0.0.1:" + ALERTMANAGER_PORT;

  @TempDir static Path dir;
  static ManagedProcess alertmanager;

  @LocalServerPort int port;
  @TempDir Path profiles;
  MockSlackClient client;
  IncidentHttp http;
  final List<WebDriver> windows = new ArrayList<>();

  @DynamicPropertySource
  static void alertmanagerUrl(DynamicPropertyRegistry registry) {
    registry.add("mockslack.alertmanager.url", () -> ALERTMANAGER);
  }

  @BeforeAll
  static void startAlertmanager() throws IOException {
    Path binary =
        ExternalTool.require(
            "apt-get install prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    Path config = dir.resolve("alertmanager.yml");
    // Silences only: notifications are posted to mock-slack by the test itself.
    Files.writeString(config, "route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n");
    alertmanager =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + ALERTMANAGER_PORT,
                    "--cluster.listen-address=",
                    "--storage.path=" + dir.resolve("data")),
                Path.of("target", "alertmanager-incident-browser.log"))
            .awaitHttpOk(ALERTMANAGER + "/-/ready", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @BeforeEach
  void setUp() {
    ExternalTool.require("apt-get install chromium", "chromium", "chromium-browser");
    ExternalTool.require("apt-get install chromium-driver", "chromedriver");
    client = new MockSlackClient(port);
    client.delete("/api/messages");
    http = new IncidentHttp(client);
  }

  @AfterEach
  void closeWindows() {
    windows.forEach(WebDriver::quit);
  }

  @Test
  void acknowledgeAndSilenceInOneWindowShowInTheOtherWithoutReload() {
    long id = http.postWebhook("webhook-firing", "#alerts-critical");
    WebDriver ann = openWindow("ann");
    WebDriver bob = openWindow("bob");
    WebElement inAnns = awaitMessage(ann, id);
    assertThat(inAnns.findElements(By.cssSelector(".action.ack"))).hasSize(1);
    assertThat(inAnns.findElement(By.cssSelector(".action.runbook")).getAttribute("href"))
        .endsWith("/docs/runbooks/PortalHighErrorRate.md");
    screenshot(ann, "mock-slack-incident-firing.png");

    click(ann, id, ".action.ack");

    awaitPage("bob sees ann's acknowledgement")
        .until(() -> stateText(bob, id).contains("Acknowledged by ann"));
    assertThat(message(bob, id).findElements(By.cssSelector(".action.ack"))).isEmpty();

    click(bob, id, ".action.silence");
    awaitPage("the matchers are shown before confirming")
        .until(() -> message(bob, id).findElements(By.cssSelector(".matcher")).size() == 2);
    assertThat(
            message(bob, id).findElements(By.cssSelector(".matcher")).stream()
                .map(WebElement::getText))
        .containsExactly("alertname=\"PortalHighErrorRate\"", "fixture=\"webhook\"");
    click(bob, id, ".action.duration[data-duration='4h']");
    type(bob, id, "input.comment", "deploy in progress");
    click(bob, id, ".action.confirm");

    awaitPage("ann sees bob's silence")
        .until(() -> stateText(ann, id).contains("Silenced by bob until"));
    assertThat(http.message(id).get("silence").get("comment").asString())
        .isEqualTo("deploy in progress");
    assertThat(sameDocument(ann)).as("ann's page was not reloaded").isTrue();
    assertThat(sameDocument(bob)).as("bob's page was not reloaded").isTrue();
    screenshot(ann, "mock-slack-incident-silenced.png");

    click(ann, id, ".action.expire");

    awaitPage("bob sees the silence gone and can silence again")
        .until(
            () ->
                !stateText(bob, id).contains("Silenced")
                    && message(bob, id).findElements(By.cssSelector(".action.silence")).size()
                        == 1);
  }

  @Test
  void anAlertmanagerErrorIsShownOnTheMessage() {
    long id = http.postWebhook("webhook-firing", "#alerts-critical");
    WebDriver ann = openWindow("ann");
    awaitMessage(ann, id);
    alertmanager.close(); // Alertmanager goes away between page load and the click

    try {
      click(ann, id, ".action.silence");
      awaitPage("the silence form")
          .until(() -> !message(ann, id).findElements(By.cssSelector(".action.confirm")).isEmpty());
      type(ann, id, "input.comment", "x");
      click(ann, id, ".action.confirm");

      awaitPage("the error on the message")
          .until(
              () ->
                  message(ann, id)
                      .findElement(By.cssSelector(".action-error"))
                      .getText()
                      .contains("not reachable"));
      assertThat(http.message(id).get("silence").isNull()).isTrue();
    } finally {
      try {
        startAlertmanager();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private WebDriver openWindow(String user) {
    Path chromium =
        ExternalTool.require("apt-get install chromium", "chromium", "chromium-browser");
    Path chromedriver = ExternalTool.require("apt-get install chromium-driver", "chromedriver");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withLogFile(Path.of("target", "chromedriver-incident-" + user + ".log").toFile())
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
        "--window-size=1300,700",
        "--user-data-dir=" + profiles.resolve(user));
    WebDriver browser = new ChromeDriver(service, options);
    windows.add(browser);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.get(client.baseUrl() + "/");
    awaitPage(user + "'s live stream is open")
        .until(
            () ->
                "open"
                    .equals(browser.findElement(By.id("live-status")).getAttribute("data-state")));
    WebElement name = browser.findElement(By.id("user-name"));
    name.clear();
    name.sendKeys(user);
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.getElementById('user-name').dispatchEvent(new Event('change'));"
                + " window.sameDocument = true;");
    return browser;
  }

  private static boolean sameDocument(WebDriver browser) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) browser).executeScript("return window.sameDocument === true"));
  }

  private static WebElement message(WebDriver browser, long id) {
    return browser.findElement(By.cssSelector("#message-list .message[data-id='" + id + "']"));
  }

  private static WebElement awaitMessage(WebDriver browser, long id) {
    return awaitPage("message " + id + " on the page")
        .until(
            () ->
                browser
                    .findElements(By.cssSelector("#message-list .message[data-id='" + id + "']"))
                    .stream()
                    .findFirst()
                    .orElse(null),
            m -> m != null);
  }

  private static String stateText(WebDriver browser, long id) {
    List<WebElement> state = message(browser, id).findElements(By.cssSelector(".incident-state"));
    return state.isEmpty() ? "" : state.get(0).getText();
  }

  /**
   * Finds and clicks in one step, again if the page re-rendered the message in between (the live
   * stream and the silence sync replace a message's element when it changes).
   */
  private static void click(WebDriver browser, long id, String css) {
    awaitPage("click " + css)
        .until(
            () -> {
              message(browser, id).findElement(By.cssSelector(css)).click();
              return true;
            });
  }

  private static void type(WebDriver browser, long id, String css, String text) {
    awaitPage("type into " + css)
        .until(
            () -> {
              message(browser, id).findElement(By.cssSelector(css)).sendKeys(text);
              return true;
            });
  }

  /** The page re-renders a message when it changes: a stale element is retried, not a failure. */
  private static ConditionFactory awaitPage(String alias) {
    return await(alias).atMost(BOUND).ignoreException(StaleElementReferenceException.class);
  }

  private static void screenshot(WebDriver browser, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(png, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("screenshot not saved", e);
    }
  }
}
