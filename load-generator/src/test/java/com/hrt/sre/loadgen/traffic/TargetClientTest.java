package com.hrt.sre.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.loadgen.StubTarget;
import com.hrt.sre.testsupport.FreePort;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a request ends, seen from the client, against real HTTP servers on 127.0.0.1. */
class TargetClientTest {

  private final TargetClient client = new TargetClient(Duration.ofMillis(300));

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void answer200IsSuccess() throws Exception {
    try (StubTarget target = StubTarget.answering(200)) {
      assertThat(outcomeOf(target.url())).isEqualTo(Outcome.SUCCESS);
    }
  }

  @Test
  void answer503IsHttpError() throws Exception {
    try (StubTarget target = StubTarget.answering(503)) {
      assertThat(outcomeOf(target.url())).isEqualTo(Outcome.HTTP_ERROR);
    }
  }

  @Test
  void answer404IsHttpError() throws Exception {
    try (StubTarget target = StubTarget.answering(404)) {
      assertThat(outcomeOf(target.url())).isEqualTo(Outcome.HTTP_ERROR);
    }
  }

  @Test
  void noAnswerWithinTheRequestTimeoutIsTimeout() throws Exception {
    try (StubTarget target = StubTarget.holdingEveryRequest()) {
      assertThat(outcomeOf(target.url())).isEqualTo(Outcome.TIMEOUT);
    }
  }

  @Test
  void refusedConnectionIsConnectionError() throws Exception {
    int nothingListens = FreePort.pick();
    assertThat(outcomeOf("http://127.0.0.1:" + nothingListens)).isEqualTo(Outcome.CONNECTION_ERROR);
  }

  private Outcome outcomeOf(String baseUrl) throws Exception {
    return client.send(URI.create(baseUrl + "/api/records/1")).get(10, TimeUnit.SECONDS);
  }
}
