package com.hrt.sre.autohealer.run;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;

import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.report.RunReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.ZoneOffset;

/** One healer run at the fixtures' NOW, for tests in other packages. */
public final class HealRunner {

  private HealRunner() {}

  public static RunReport runOnce(KubernetesClient client, AutoHealerProperties settings) {
    return new HealRun(client, settings, Clock.fixed(NOW, ZoneOffset.UTC), "test").run();
  }
}
