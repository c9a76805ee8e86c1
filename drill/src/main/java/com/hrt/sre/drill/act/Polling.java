package com.hrt.sre.drill.act;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Asks again every {@code interval} until an answer comes or {@code limit} has passed. */
final class Polling {

  private Polling() {}

  static <T> T until(String what, Duration limit, Duration interval, Supplier<Optional<T>> ask) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<T> answer = ask.get();
      if (answer.isPresent()) {
        return answer.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ActionFailedException(what + ": not within " + limit.toSeconds() + " s");
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailedException(what + ": interrupted");
      }
    }
  }
}
