package com.hrt.sre.autohealer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;

/**
 * Serves a pod list in pages as an API server does: each page answers {@code limit} (and the {@code
 * continue} token of the page before) and carries the token of the next; the last page carries
 * none. The mock server's CRUD store ignores {@code limit}, hence expectations.
 */
public final class PodPages {

  private PodPages() {}

  /**
   * Expects the list at {@code listPath} (e.g. {@code /api/v1/pods}) in pages of {@code pageSize};
   * tokens are {@code page-2}, {@code page-3}, ...
   */
  public static void serve(
      KubernetesMockServer server, String listPath, List<Pod> pods, int pageSize) {
    int pages = Math.max(1, (pods.size() + pageSize - 1) / pageSize);
    for (int page = 1; page <= pages; page++) {
      // fabric8 writes the query as continue=...&limit=...
      String path =
          listPath + "?" + (page == 1 ? "" : "continue=page-" + page + "&") + "limit=" + pageSize;
      PodListBuilder list =
          new PodListBuilder()
              .withNewMetadata()
              .withResourceVersion("1000")
              .withContinue(page < pages ? "page-" + (page + 1) : null)
              .endMetadata()
              .withItems(
                  pods.subList((page - 1) * pageSize, Math.min(page * pageSize, pods.size())));
      server.expect().get().withPath(path).andReturn(200, list.build()).always();
    }
  }
}
