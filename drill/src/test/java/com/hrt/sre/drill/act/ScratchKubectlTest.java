package com.hrt.sre.drill.act;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.*;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScratchKubectlTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void scratch() throws Exception {
    KubeApi.serveDiscovery(server);
    client
        .apps()
        .deployments()
        .inNamespace("hrt-sre")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("pushgateway")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("a", "b")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("a", "b")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("i")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace("hrt-sre")
        .resource(
            new CronJobBuilder()
                .withNewMetadata()
                .withName("batch-sync")
                .endMetadata()
                .withNewSpec()
                .withSchedule("*/5 * * * *")
                .withNewJobTemplate()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("batch-sync")
                .withImage("i")
                .addNewEnv()
                .withName("BATCH_FAILURE_RATE")
                .withValue("0.0")
                .endEnv()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    Path dir = Files.createTempDirectory("kc");
    Path kc = KubeApi.kubeconfig(client, dir);
    for (String[] args :
        new String[][] {
          {"get", "deploy", "-n", "hrt-sre", "-o", "json"},
          {
            "patch",
            "deployment/pushgateway",
            "-n",
            "hrt-sre",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"replicas\":0}}"
          },
          {"get", "deploy", "pushgateway", "-n", "hrt-sre", "-o", "json"},
          {"rollout", "status", "deployment/pushgateway", "-n", "hrt-sre", "--timeout=5s"},
          {
            "patch",
            "deployment/nope",
            "-n",
            "hrt-sre",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"replicas\":0}}"
          },
          {
            "patch",
            "cronjob/batch-sync",
            "-n",
            "hrt-sre",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"suspend\":true}}"
          },
          {
            "create",
            "job",
            "--from=cronjob/batch-sync",
            "drill-x",
            "-n",
            "hrt-sre",
            "--dry-run=client",
            "-o",
            "json"
          },
          {"get", "events", "-n", "portal", "-o", "json"},
          {"get", "secret", "portal-admin", "-n", "portal", "-o", "json"},
        }) {
      var cmd =
          new java.util.ArrayList<String>(
              java.util.List.of("kubectl", "--kubeconfig", kc.toString()));
      cmd.addAll(java.util.List.of(args));
      var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("HOME", dir.toString());
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      System.out.println("### " + String.join(" ", args) + " -> " + p.waitFor() + "\n" + out);
    }
  }
}
