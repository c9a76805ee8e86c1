package com.hrt.sre.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP/1.1 request written by hand on a raw socket to 127.0.0.1, so that a test can send the
 * headers and part of a body and then stop: an answer that arrives while the body is unfinished
 * proves the server decided without reading it. Every read is bounded by a 5 s socket timeout.
 */
public final class UnfinishedRequest implements AutoCloseable {

  private final Socket socket;
  private final boolean chunked;

  /**
   * Opens a connection and sends the request line and headers.
   *
   * @param framing {@code "Content-Length: N"} or {@code "Transfer-Encoding: chunked"}
   * @param authorization the Authorization header's value, or null for none
   */
  public UnfinishedRequest(
      int port, String method, String path, String framing, String authorization)
      throws IOException {
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    this.chunked = framing.startsWith("Transfer-Encoding");
    socket.setSoTimeout(5_000);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + framing
            + "\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
            + "\r\n";
    write(head.getBytes(StandardCharsets.US_ASCII));
  }

  /** Sends {@code size} spaces of body (one chunk when chunked, never the last chunk). */
  public UnfinishedRequest sendSpaces(int size) throws IOException {
    byte[] part = new byte[size];
    Arrays.fill(part, (byte) ' ');
    return send(part);
  }

  /** Sends {@code part} as body (one chunk when chunked, never the last chunk). */
  public UnfinishedRequest send(byte[] part) throws IOException {
    if (chunked) {
      write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      write(part);
      write("\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      write(part);
    }
    return this;
  }

  /** Ends the stream from this side (the body stops short of its declared end). */
  public UnfinishedRequest endStream() throws IOException {
    socket.shutdownOutput();
    return this;
  }

  /**
   * The status line, headers and the JSON body up to its first closing brace.
   *
   * @throws SocketTimeoutException when no such answer comes within 5 s
   */
  public String readAnswer() throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    StringBuilder answer = new StringBuilder();
    int n;
    do {
      n = in.read(buffer);
      if (n > 0) {
        answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } while (n > 0 && !answer.toString().contains("}"));
    return answer.toString();
  }

  /**
   * True when the server ends the connection (end of stream, reset or broken pipe) within 5 s,
   * false when it keeps it open.
   */
  public boolean closedByServer() throws IOException {
    try {
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // whatever else arrives (the end of a chunked answer) until the end of the stream
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  private void write(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
