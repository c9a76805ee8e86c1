package com.hrt.sre.platform.kubeapi;

import com.hrt.sre.testsupport.Kubeconfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Kubernetes API server double for tests that run the REAL kubectl: it answers only what a real
 * API server answers for the requests the scripts make, from objects the test stores, and a real
 * {@code Status} error body for everything else, so kubectl parses, validates and fails exactly as
 * against a cluster. Served on 127.0.0.1 over plain HTTP:
 *
 * <ul>
 *   <li>discovery ({@code /api}, {@code /apis}, one APIResourceList per group version, {@code
 *       /version}), so kubectl resolves {@code svc}, {@code job/x}, {@code cronjob/x} itself;
 *   <li>get and list (label and field selectors), create (POST, with a hook standing in for the
 *       controller that would act on it), {@code pods/x/log};
 *   <li>{@code pods/x/portforward}: the WebSocket upgrade is refused as by an API server before
 *       WebSocket port-forwarding (kubectl then falls back to SPDY), the SPDY/3.1 upgrade is
 *       accepted and every stream is forwarded to a port on this machine ({@link #forwardPod});
 *   <li>anything else: 404 NotFound or 405 MethodNotAllowed, as a {@code Status}.
 * </ul>
 *
 * Every request is recorded as "METHOD path[?query]" ({@link #requests()}).
 */
public final class KubeApiDouble implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final Channel server;
  private final Map<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
  private final Map<String, String> logs = new ConcurrentHashMap<>();
  private final Map<String, Integer> forwards = new ConcurrentHashMap<>();
  private final Map<String, Consumer<Map<String, Object>>> createHooks = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Channel> portForwards = new CopyOnWriteArrayList<>();
  private final AtomicLong resourceVersion = new AtomicLong(1000);

  public KubeApiDouble() {
    try {
      server =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast("http", new HttpServerCodec())
                          .addLast("aggregate", new HttpObjectAggregator(1 << 20))
                          .addLast("api", new ApiHandler());
                    }
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .sync()
              .channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Writes a kubeconfig whose only context, {@code context}, points at this server. */
  public Path kubeconfig(Path dir, String context) {
    return Kubeconfig.write(dir.resolve("kubeconfig"), url(), context);
  }

  /**
   * Stores an object (JSON, with apiVersion, kind, metadata.name and, if namespaced, namespace).
   */
  public KubeApiDouble put(String json) {
    Map<String, Object> object = Maps.map(JSON.readValue(json, Map.class));
    objects.put(Maps.path(object), object);
    return this;
  }

  /** What {@code GET pods/<pod>/log} answers. */
  public KubeApiDouble podLog(String namespace, String pod, String text) {
    logs.put(namespace + "/" + pod, text);
    return this;
  }

  /** A port-forward to {@code pod}'s {@code podPort} reaches 127.0.0.1:{@code localPort}. */
  public KubeApiDouble forwardPod(String namespace, String pod, int podPort, int localPort) {
    forwards.put(namespace + "/" + pod + ":" + podPort, localPort);
    return this;
  }

  /** Runs after an object of {@code kind} is created: the controller's part (e.g. a Job's pod). */
  public KubeApiDouble onCreate(String kind, Consumer<Map<String, Object>> hook) {
    createHooks.put(kind, hook);
    return this;
  }

  public Optional<Map<String, Object>> object(String path) {
    return Optional.ofNullable(objects.get(path));
  }

  /** Drops every open port-forward connection, as an API server does when the pod goes away. */
  public void dropPortForwards() {
    portForwards.forEach(Channel::close);
    portForwards.clear();
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  Optional<Integer> forwardTarget(String namespace, String pod, int port) {
    return Optional.ofNullable(forwards.get(namespace + "/" + pod + ":" + port));
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One HTTP request: route it, answer it like the API server would. */
  private final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      requests.add(request.method().name() + " " + request.uri());
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      String path = uri.path();
      Map<String, String> query = new LinkedHashMap<>();
      uri.parameters().forEach((k, v) -> query.put(k, v.get(0)));
      String method = request.method().name();
      if (path.endsWith("/portforward")) {
        portForward(ctx, request, path);
        return;
      }
      Answer answer;
      try {
        answer = route(method, path, query, request.content().toString(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        answer = Answer.status(500, "InternalError", "double: " + e, Map.of());
      }
      respond(ctx, request, answer);
    }

    private void portForward(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
      String[] parts = path.split("/"); // /api/v1/namespaces/NS/pods/POD/portforward
      String namespace = parts[4];
      String pod = parts[6];
      String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "");
      if (!objects.containsKey("/api/v1/namespaces/" + namespace + "/pods/" + pod)) {
        respond(
            ctx,
            request,
            Answer.notFound(
                ResourcePath.parse(path.substring(0, path.lastIndexOf('/'))).orElseThrow()));
      } else if (!upgrade.equalsIgnoreCase("SPDY/3.1")) {
        // The answer of an API server without WebSocket port-forwarding (the SPDY upgrader's).
        respond(
            ctx,
            request,
            new Answer(
                400,
                "text/plain; charset=utf-8",
                "unable to upgrade: missing upgrade headers in request\n"));
      } else {
        FullHttpResponse switching =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS,
                Unpooled.EMPTY_BUFFER);
        switching.headers().set(HttpHeaderNames.CONNECTION, "Upgrade");
        switching.headers().set(HttpHeaderNames.UPGRADE, "SPDY/3.1");
        switching.headers().set("X-Stream-Protocol-Version", "portforward.k8s.io");
        ctx.writeAndFlush(switching)
            .addListener(
                written -> {
                  ctx.pipeline().remove("aggregate");
                  ctx.pipeline().remove("http");
                  ctx.pipeline().addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
                  ctx.pipeline()
                      .addLast(new PortForwardSession(KubeApiDouble.this, namespace, pod));
                  ctx.pipeline().remove(this);
                  portForwards.add(ctx.channel());
                });
      }
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest request, Answer answer) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(answer.code()),
              Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
      HttpUtil.setContentLength(response, response.content().readableBytes());
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      var written = ctx.writeAndFlush(response);
      if (!keepAlive) {
        written.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      }
    }
  }

  private Answer route(String method, String path, Map<String, String> query, String body) {
    switch (path) {
      case "/version":
        return Answer.json(
            200,
            Map.of(
                "major",
                "1",
                "minor",
                "31",
                "gitVersion",
                "v1.31.5+k3s1",
                "platform",
                "linux/amd64"));
      case "/api":
        return Answer.json(200, ApiResources.coreVersions(url().substring("http://".length())));
      case "/apis":
        return Answer.json(200, ApiResources.groupList());
      default:
        break;
    }
    Optional<ApiResources> discovery = ApiResources.byRoot(path);
    if (discovery.isPresent()) {
      return Answer.json(200, discovery.get().resourceList());
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(path);
    if (parsed.isEmpty()) {
      return Answer.status(
          404, "NotFound", "the server could not find the requested resource", Map.of());
    }
    ResourcePath target = parsed.get();
    if (target.subresource() != null) {
      if (method.equals("GET") && target.subresource().equals("log")) {
        if (!objects.containsKey(target.objectPath())) {
          return Answer.notFound(target);
        }
        return new Answer(
            200, "text/plain", logs.getOrDefault(target.namespace() + "/" + target.name(), ""));
      }
      return Answer.status(
          404, "NotFound", "the server could not find the requested resource", Map.of());
    }
    if (target.name() == null) {
      return switch (method) {
        case "GET" -> {
          if (query.containsKey("watch")) {
            yield Answer.methodNotAllowed();
          }
          yield Answer.json(200, list(target, query));
        }
        case "POST" -> create(target, body);
        default -> Answer.methodNotAllowed();
      };
    }
    if (!method.equals("GET")) {
      return Answer.methodNotAllowed();
    }
    Map<String, Object> object = objects.get(target.objectPath());
    return object == null ? Answer.notFound(target) : Answer.json(200, object);
  }

  private Map<String, Object> list(ResourcePath target, Map<String, String> query) {
    List<Map<String, Object>> items = new ArrayList<>();
    String prefix = target.collectionPath() + "/";
    objects.entrySet().stream()
        .filter(
            e ->
                e.getKey().startsWith(prefix)
                    && !e.getKey().substring(prefix.length()).contains("/"))
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .filter(o -> Selectors.labels(query.get("labelSelector")).test(o))
        .filter(o -> Selectors.fields(query.get("fieldSelector")).test(o))
        .forEach(items::add);
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", target.kind() + "List");
    list.put("apiVersion", target.apiVersion());
    list.put("metadata", Map.of("resourceVersion", Long.toString(resourceVersion.get())));
    list.put("items", items);
    return list;
  }

  private Answer create(ResourcePath target, String body) {
    Map<String, Object> object = Maps.map(JSON.readValue(body, Map.class));
    Map<String, Object> metadata = Maps.child(object, "metadata");
    String name = (String) metadata.get("name");
    if (name == null) {
      return Answer.status(
          422,
          "Invalid",
          target.kind()
              + " \"\" is invalid: metadata.name: Required value: name or generateName is required",
          Map.of("group", target.group(), "kind", target.kind()));
    }
    String path = target.collectionPath() + "/" + name;
    if (objects.containsKey(path)) {
      return Answer.status(
          409,
          "AlreadyExists",
          "%s \"%s\" already exists".formatted(target.qualifiedResource(), name),
          Map.of("name", name, "group", target.group(), "kind", target.plural()));
    }
    if (target.namespace() != null) {
      metadata.put("namespace", target.namespace());
    }
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("resourceVersion", Long.toString(resourceVersion.incrementAndGet()));
    metadata.put("creationTimestamp", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
    objects.put(path, object);
    Consumer<Map<String, Object>> hook = createHooks.get(target.kind());
    if (hook != null) {
      hook.accept(object);
    }
    return Answer.json(201, object);
  }
}
