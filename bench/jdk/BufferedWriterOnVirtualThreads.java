import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * What one Prometheus scrape's writer costs on each kind of thread (docs/runtime-threads.md): a new
 * {@code BufferedWriter(OutputStreamWriter)}, as {@code PrometheusTextFormatWriter} makes per scrape,
 * filled one char at a time up to a gitops-sized scrape (13,000 chars). JDK 25 starts the buffer at
 * 512 chars on a virtual thread and grows it to exactly each write's need. Run: {@code java
 * -XX:TieredStopAtLevel=1 bench/jdk/BufferedWriterOnVirtualThreads.java} (Java 25).
 */
public class BufferedWriterOnVirtualThreads {

  private static final int CHARS = 13_000;
  private static final int WRITERS = 500;

  public static void main(String[] args) throws Exception {
    for (int round = 1; round <= 3; round++) {
      System.out.printf(
          "round %d: platform thread %.3f ms per writer, virtual thread %.3f ms per writer%n",
          round, perWriter(Thread.ofPlatform()), perWriter(Thread.ofVirtual()));
    }
  }

  private static double perWriter(Thread.Builder thread) throws InterruptedException {
    long[] nanos = new long[1];
    thread
        .start(
            () -> {
              long start = System.nanoTime();
              for (int i = 0; i < WRITERS; i++) {
                fill();
              }
              nanos[0] = System.nanoTime() - start;
            })
        .join();
    return nanos[0] / 1e6 / WRITERS;
  }

  private static void fill() {
    try (Writer writer =
        new BufferedWriter(
            new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8))) {
      for (int i = 0; i < CHARS; i++) {
        writer.write('x');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
