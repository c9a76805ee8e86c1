package com.hrt.sre.autohealer.config;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * fabric8's JDK HTTP client factory, whose client close also shuts the JDK {@link HttpClient} down.
 *
 * <p>fabric8 (8.0) stays Java 11 compatible: closing its client shuts down only the executor and
 * drops the {@code HttpClient}, whose selector thread waits in {@code epoll_wait} until a GC
 * collects the client. At {@code System.exit} HotSpot waits up to 300 ms for threads in native code
 * ({@code VM_Exit::wait_for_threads_in_native_to_block}, vmOperations.cpp), so every CronJob run
 * ended 0.3 s after its work (strace: the VM's exit_group came 305 ms after the context had closed,
 * with {@code HttpClient-1-SelectorManager} in epoll_wait). {@link HttpClient#shutdownNow} (Java
 * 21, JDK-8267140) ends that thread; OpenTelemetry fixed the same leak in its JDK sender
 * (open-telemetry/opentelemetry-java#7388).
 *
 * <p>One factory per Kubernetes client ({@link KubernetesClients#create}): fabric8 closes once per
 * client, its derived clients share the one {@code HttpClient}, so closing shuts down every client
 * this factory built.
 */
final class ShutdownOnCloseHttpClientFactory extends JdkHttpClientFactory {

  private final Queue<HttpClient> built = new ConcurrentLinkedQueue<>();

  @Override
  protected HttpClient.Builder createNewHttpClientBuilder() {
    return new RecordingBuilder(super.createNewHttpClientBuilder(), built);
  }

  @Override
  protected void closeHttpClient(JdkHttpClientImpl client) {
    super.closeHttpClient(client);
    for (HttpClient httpClient = built.poll(); httpClient != null; httpClient = built.poll()) {
      httpClient.shutdownNow();
    }
  }

  /** The JDK's builder, remembering each client it builds. */
  private record RecordingBuilder(HttpClient.Builder builder, Queue<HttpClient> built)
      implements HttpClient.Builder {

    @Override
    public HttpClient build() {
      HttpClient client = builder.build();
      built.add(client);
      return client;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
      builder.cookieHandler(cookieHandler);
      return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      builder.connectTimeout(duration);
      return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
      builder.sslContext(sslContext);
      return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
      builder.sslParameters(sslParameters);
      return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
      builder.executor(executor);
      return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
      builder.followRedirects(policy);
      return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
      builder.version(version);
      return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      builder.priority(priority);
      return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
      builder.proxy(proxySelector);
      return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
      builder.authenticator(authenticator);
      return this;
    }

    @Override
    public HttpClient.Builder localAddress(InetAddress localAddr) {
      builder.localAddress(localAddr);
      return this;
    }
  }
}
