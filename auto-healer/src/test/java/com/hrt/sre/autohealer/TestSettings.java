package com.hrt.sre.autohealer;

import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.config.KubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings as Spring binds them (defaults included), with a test's overrides. */
public final class TestSettings {

  private TestSettings() {}

  /** {@code overrides}: property names and values, e.g. {@code "autohealer.dry-run", "true"}. */
  public static AutoHealerProperties settings(String... overrides) {
    Map<String, String> values = new HashMap<>();
    // Short backoff: the retry tests should not wait for production intervals.
    values.put("autohealer.api.retry-backoff", "10ms");
    for (int i = 0; i < overrides.length; i += 2) {
      values.put(overrides[i], overrides[i + 1]);
    }
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("autohealer", AutoHealerProperties.class);
  }

  /** A client for the mock server with the healer's own retry and timeout settings. */
  public static KubernetesClient healerClient(
      KubernetesClient mockClient, AutoHealerProperties settings) {
    return KubernetesClients.create(mockClient.getConfiguration(), settings.api());
  }
}
