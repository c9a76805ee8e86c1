package com.hrt.sre.drill.act;

import com.hrt.sre.drill.config.DrillProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link StepExecutor} of {@code drill.mode}. Local mode reads the portal's URL and admin token
 * from {@code PORTAL_URL} / {@code PORTAL_ADMIN_TOKEN}, else from {@code .local/env} ({@code
 * LOCAL_DIR} moves it); cluster mode runs {@code KUBECTL} (default {@code kubectl}) in context
 * {@code KUBE_CONTEXT} (default {@code k3d-$CLUSTER}, {@code CLUSTER} default {@code hrt-demo}, as
 * scripts/cluster-lib.sh). Creating either touches nothing: a missing value fails the step that
 * needs it, saying what to set.
 */
@Configuration(proxyBeanMethods = false)
public class StepExecutorConfiguration {

  @Bean
  StepExecutor stepExecutor(DrillProperties properties, Environment env) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Clock clock = Clock.systemUTC();
    if (properties.mode().equals("cluster")) {
      return new ClusterActions(
          env.getProperty("KUBECTL", "kubectl"),
          env.getProperty("KUBE_CONTEXT", "k3d-" + env.getProperty("CLUSTER", "hrt-demo")),
          "",
          http,
          clock,
          new ClusterActions.Timing(
              Duration.ofSeconds(2),
              Duration.ofMinutes(3),
              // The CronJob's activeDeadlineSeconds (240 s) and a margin for the pod's start.
              Duration.ofMinutes(5),
              // crashloop: the fault's buildup (~5 min) and the healer's one-minute schedule.
              Duration.ofMinutes(10),
              Duration.ofSeconds(20)));
    }
    Path repository = properties.repository().toAbsolutePath().normalize();
    Path localDir = Path.of(env.getProperty("LOCAL_DIR", repository.resolve(".local").toString()));
    Map<String, String> localEnv = LocalEnvFile.read(localDir.resolve("env"));
    String portalUrl =
        env.getProperty("PORTAL_URL", localEnv.getOrDefault("PORTAL_URL", "http://127.0.0.1:8080"));
    String token =
        env.getProperty("PORTAL_ADMIN_TOKEN", localEnv.getOrDefault("PORTAL_ADMIN_TOKEN", ""));
    return new LocalActions(
        repository,
        Map.of("LOCAL_DIR", localDir.toString()),
        new PortalAdmin(URI.create(portalUrl), token, http),
        http,
        clock,
        // A start waits up to 120 s for readiness; a batch run for a scheduled run in progress
        // (up to 300 s) and then its own.
        Duration.ofMinutes(8));
  }
}
