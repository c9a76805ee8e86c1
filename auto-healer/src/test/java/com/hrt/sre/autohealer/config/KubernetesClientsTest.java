package com.hrt.sre.autohealer.config;

import static com.hrt.sre.autohealer.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesClientsTest {

  KubernetesClient client; // the mock server's, for its configuration

  /**
   * The JDK HttpClient's selector thread lives until the client is shut down (or collected): at
   * System.exit the VM waits 300 ms for it (see ShutdownOnCloseHttpClientFactory).
   */
  @Test
  void closingTheHealersClientEndsItsHttpClientsSelectorThread() {
    Set<Thread> before = selectorThreads();
    KubernetesClient healer = KubernetesClients.create(client.getConfiguration(), settings().api());
    assertThat(healer.pods().inNamespace("portal").list().getItems()).isEmpty();
    Set<Thread> ours = selectorThreads();
    ours.removeAll(before);
    assertThat(ours).as("the healer's client runs its own selector thread").hasSize(1);

    healer.close();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(ours).noneMatch(Thread::isAlive));
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }
}
