package com.hrt.sre.autohealer.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the auto-healer, bound from the environment variables DESIGN.md fixes (see
 * application.properties). A value that cannot be right stops the job with exit code 2 before it
 * touches the cluster.
 *
 * @param watchNamespaces comma-separated namespaces to watch, or {@code *} for all but kube-system
 *     and the healer's own namespace
 * @param labelSelector optional Kubernetes label selector that pods must match (empty: all pods)
 * @param restartThreshold restarts, summed over a pod's containers, that make it a candidate
 * @param restartWindow how recent the last container termination must be for restarts to count
 * @param cooldown minimum time between two heals of one workload
 * @param maxHealsPerHour heals of one workload in a sliding hour; beyond that the healer gives up
 * @param maxHealsPerRun heals across all workloads in one run
 * @param dryRun decide and report, but write nothing to the cluster
 * @param pushgatewayUrl Pushgateway base URL (e.g. {@code http://pushgateway:9091}); empty: no push
 * @param ownNamespace the namespace the healer runs in, never watched by {@code *}
 * @param api how the healer talks to the Kubernetes API
 */
@Validated
@ConfigurationProperties(prefix = "autohealer")
public record AutoHealerProperties(
    @DefaultValue("portal") String watchNamespaces,
    @DefaultValue("") String labelSelector,
    @DefaultValue("3") @Min(1) int restartThreshold,
    @DefaultValue("15m") @NotNull Duration restartWindow,
    @DefaultValue("10m") @NotNull Duration cooldown,
    @DefaultValue("3") @Min(1) @Max(20) int maxHealsPerHour,
    @DefaultValue("5") @Min(1) int maxHealsPerRun,
    @DefaultValue("false") boolean dryRun,
    @DefaultValue("") String pushgatewayUrl,
    @DefaultValue("hrt-sre") String ownNamespace,
    @DefaultValue @Valid @NotNull Api api) {

  /** One term of a label selector: {@code k}, {@code !k}, {@code k=v}, {@code k in (a,b)}... */
  private static final Pattern SELECTOR_TERM =
      Pattern.compile(
          "\\s*(!?[A-Za-z0-9./_-]+"
              + "|[A-Za-z0-9./_-]+\\s*(==|=|!=)\\s*[A-Za-z0-9._-]*"
              + "|[A-Za-z0-9./_-]+\\s+(in|notin)\\s+\\(\\s*[A-Za-z0-9._-]*(\\s*,\\s*[A-Za-z0-9._-]*)*\\s*\\))\\s*");

  public AutoHealerProperties {
    // Checks that bean validation cannot express; an IllegalArgumentException here surfaces as a
    // binding failure naming the property, and the job exits with 2.
    WatchScope.parse(watchNamespaces, ownNamespace);
    labelSelector = labelSelector == null ? "" : labelSelector.trim();
    if (!labelSelector.isEmpty() && !isValidSelector(labelSelector)) {
      throw new IllegalArgumentException(
          "LABEL_SELECTOR '" + labelSelector + "' is not a Kubernetes label selector");
    }
    requirePositive("RESTART_WINDOW", restartWindow);
    requirePositive("COOLDOWN", cooldown);
    pushgatewayUrl = pushgatewayUrl == null ? "" : pushgatewayUrl.trim();
    if (!pushgatewayUrl.isEmpty()) {
      requireHttpUrl(pushgatewayUrl);
    }
  }

  /** The namespaces this configuration watches. */
  public WatchScope scope() {
    return WatchScope.parse(watchNamespaces, ownNamespace);
  }

  /** Pushing metrics is optional: no URL, no push. */
  public boolean pushEnabled() {
    return !pushgatewayUrl.isEmpty();
  }

  /**
   * Kubernetes API client behaviour. fabric8 retries 5xx answers and I/O errors (timeouts included)
   * with exponential backoff; these bound it so that one run stays short.
   *
   * @param retries retries after the first attempt of one request
   * @param retryBackoff first backoff interval, doubled on each retry
   * @param requestTimeout timeout of one request
   * @param conflictRetries re-reads and retries after a 409 Conflict on one workload
   * @param pageSize pods per list request ({@code limit}; the next page follows {@code continue})
   */
  public record Api(
      @DefaultValue("3") @Min(0) @Max(10) int retries,
      @DefaultValue("250ms") @NotNull Duration retryBackoff,
      @DefaultValue("10s") @NotNull Duration requestTimeout,
      @DefaultValue("3") @Min(0) @Max(10) int conflictRetries,
      @DefaultValue("500") @Min(1) @Max(5000) int pageSize) {

    public Api {
      requirePositive("autohealer.api.request-timeout", requestTimeout);
    }
  }

  private static boolean isValidSelector(String selector) {
    // Commas separate terms, except inside the parentheses of an in/notin term.
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= selector.length(); i++) {
      char c = i < selector.length() ? selector.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        if (!SELECTOR_TERM.matcher(selector.substring(start, i)).matches()) {
          return false;
        }
        start = i + 1;
      }
      if (depth < 0 || depth > 1) {
        return false;
      }
    }
    return depth == 0;
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
    }
  }

  private static void requireHttpUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    boolean http =
        uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    if (!http || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "PUSHGATEWAY_URL must be http(s)://host[:port], got '" + url + "'");
    }
  }
}
