package com.hrt.sre.autohealer;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The requests the mock API server received, in order (drained from its queue). */
public final class RecordedRequests {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private RecordedRequests() {}

  /** Takes every request received so far. Call it once before the run to forget the set-up. */
  public static List<RecordedRequest> drain(KubernetesMockServer server) {
    List<RecordedRequest> requests = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
        requests.add(request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return requests;
  }

  public static List<String> writes(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(request -> WRITES.contains(request.getMethod()))
        .map(request -> request.getMethod() + " " + request.getPath())
        .toList();
  }
}
