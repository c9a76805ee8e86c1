package com.hrt.sre.platform.kubeapi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of kubectl's port-forward protocol (portforward.k8s.io over SPDY/3.1), as the API
 * server relays it from the kubelet: per forwarded connection kubectl opens an "error" and a "data"
 * stream with the same requestID; the data stream carries the bytes, the error stream carries a
 * message if the pod's port cannot be reached. Here the pod's port is a port on this machine
 * ({@link KubeApiDouble#forwardPod}).
 */
final class PortForwardSession extends SimpleChannelInboundHandler<SpdyFrame> {

  private final KubeApiDouble api;
  private final String namespace;
  private final String pod;

  /** requestID -> the error stream's id. */
  private final Map<String, Integer> errorStreams = new ConcurrentHashMap<>();

  /** data stream id -> the connection to the target port. */
  private final Map<Integer, Socket> targets = new ConcurrentHashMap<>();

  PortForwardSession(KubeApiDouble api, String namespace, String pod) {
    this.api = api;
    this.namespace = namespace;
    this.pod = pod;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, SpdyFrame frame) throws IOException {
    if (frame instanceof SpdySynStreamFrame syn) {
      opened(ctx.channel(), syn);
    } else if (frame instanceof SpdyDataFrame data) {
      Socket target = targets.get(data.streamId());
      if (target != null) {
        ByteBuf content = data.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.readBytes(bytes);
        target.getOutputStream().write(bytes);
        target.getOutputStream().flush();
        if (data.isLast()) {
          target.shutdownOutput();
        }
      }
    } else if (frame instanceof SpdyRstStreamFrame reset) {
      Socket target = targets.remove(reset.streamId());
      if (target != null) {
        target.close();
      }
    } else if (frame instanceof SpdyPingFrame ping) {
      ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
    }
  }

  private void opened(Channel channel, SpdySynStreamFrame syn) {
    String type = syn.headers().getAsString("streamtype");
    String request = syn.headers().getAsString("requestid");
    int port = Integer.parseInt(syn.headers().getAsString("port"));
    // Netty encodes an empty header block as no bytes at all, which spdystream (kubectl) cannot
    // parse; the kubelet's reply carries a (zero-entry) block, so send one entry to have one.
    DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
    reply.headers().set("streamtype", type);
    channel.writeAndFlush(reply);
    if ("error".equals(type)) {
      errorStreams.put(request, syn.streamId());
      return;
    }
    int dataStream = syn.streamId();
    Integer errorStream = errorStreams.get(request);
    var local = api.forwardTarget(namespace, pod, port);
    try {
      if (local.isEmpty()) {
        throw new IOException("connect: connection refused");
      }
      Socket target = new Socket();
      target.connect(new InetSocketAddress("127.0.0.1", local.get()), 2000);
      targets.put(dataStream, target);
      Thread pumping =
          new Thread(
              () -> pump(channel, target, dataStream, errorStream),
              "portforward-" + pod + "-" + request);
      pumping.setDaemon(true);
      pumping.start();
    } catch (IOException e) {
      // The kubelet's message when the pod's port does not answer.
      String message =
          "error forwarding port %d to pod %s, uid : failed to connect to localhost:%d inside namespace: %s"
              .formatted(port, pod, port, e.getMessage());
      if (errorStream != null) {
        channel.write(
            new DefaultSpdyDataFrame(
                errorStream, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)));
      }
      finish(channel, dataStream, errorStream);
    }
  }

  /** Target to kubectl until the target closes, then both streams end. */
  private void pump(Channel channel, Socket target, int dataStream, Integer errorStream) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = target.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        channel.writeAndFlush(
            new DefaultSpdyDataFrame(dataStream, Unpooled.copiedBuffer(buffer, 0, n)));
      }
    } catch (IOException e) {
      // kubectl reset the stream (its local connection closed): nothing more to send.
    } finally {
      targets.remove(dataStream);
      finish(channel, dataStream, errorStream);
    }
  }

  private static void finish(Channel channel, int dataStream, Integer errorStream) {
    DefaultSpdyDataFrame end = new DefaultSpdyDataFrame(dataStream);
    end.setLast(true);
    channel.write(end);
    if (errorStream != null) {
      DefaultSpdyDataFrame errorEnd = new DefaultSpdyDataFrame(errorStream);
      errorEnd.setLast(true);
      channel.write(errorEnd);
    }
    channel.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // kubectl reports the lost connection itself ("lost connection to pod").
    System.err.println("port-forward session of " + pod + " closed: " + cause);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws IOException {
    for (Socket target : targets.values()) {
      target.close();
    }
  }
}
