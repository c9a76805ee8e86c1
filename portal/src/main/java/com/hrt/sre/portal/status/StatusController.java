package com.hrt.sre.portal.status;

import com.hrt.sre.portal.chaos.ChaosControl;
import com.hrt.sre.portal.chaos.ChaosSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** {@code GET /}: a server-rendered page telling at a glance how this instance is doing. */
@Controller
class StatusController {

  private final String instanceName;
  private final String version;
  private final Instant startedAt = Instant.now();
  private final ChaosControl chaos;
  private final ApplicationAvailability availability;
  private final RecentTraffic traffic;

  StatusController(
      InstanceProperties instance,
      ObjectProvider<BuildProperties> build,
      ChaosControl chaos,
      ApplicationAvailability availability,
      RecentTraffic traffic) {
    this.instanceName =
        instance.name() == null || instance.name().isBlank() ? localHostName() : instance.name();
    BuildProperties buildProperties = build.getIfAvailable();
    this.version = buildProperties != null ? buildProperties.getVersion() : "unknown";
    this.chaos = chaos;
    this.availability = availability;
    this.traffic = traffic;
  }

  @GetMapping("/")
  ModelAndView status() {
    ChaosSettings settings = chaos.current();
    RecentTraffic.Snapshot counts = traffic.snapshot();
    boolean live = availability.getLivenessState() == LivenessState.CORRECT;
    boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    boolean chaosOn = !settings.equals(ChaosSettings.OFF);

    Map<String, Object> model = new LinkedHashMap<>();
    model.put("instance", instanceName);
    model.put("version", version);
    model.put("uptime", formatUptime(Duration.between(startedAt, Instant.now())));
    model.put("live", live);
    model.put("livenessState", availability.getLivenessState().name());
    model.put("ready", ready);
    model.put("readinessState", availability.getReadinessState().name());
    model.put("chaosOn", chaosOn);
    model.put("failureRatePercent", Math.round(settings.failureRate() * 1000) / 10.0);
    model.put("latencyMs", settings.latencyMs());
    model.put("latencyJitterMs", settings.latencyJitterMs());
    model.put(
        "crashAfter",
        settings.crashAfterSeconds() == 0 ? "off" : settings.crashAfterSeconds() + " s of uptime");
    model.put("windowMinutes", RecentTraffic.WINDOW_SECONDS / 60);
    model.put("recentRequests", counts.recentRequests());
    model.put("recentErrors", counts.recentErrors());
    model.put("recentErrorPercent", counts.recentErrorPercent());
    model.put("totalRequests", counts.totalRequests());
    model.put("totalErrors", counts.totalErrors());
    return new ModelAndView("status", model);
  }

  private static String formatUptime(Duration uptime) {
    long seconds = uptime.toSeconds();
    return seconds < 3600
        ? "%dm %02ds".formatted(seconds / 60, seconds % 60)
        : "%dh %02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
