package com.hrt.sre.loadgen.admin;

import com.hrt.sre.loadgen.admin.AdminRejections.Reason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * In front of {@code /admin/*}, before anything reads the body: first the token (403 when none is
 * configured, 401 when missing or wrong), then the body, read through a bounded stream, at most
 * {@value #MAX_BODY_BYTES} bytes whether its length is declared or it comes chunked (413 beyond).
 * The handler then reads the body from memory, so its validation only ever sees an authenticated,
 * bounded body.
 */
class AdminGate extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AdminToken token;
  private final AdminRejections rejections;

  AdminGate(AdminToken token, AdminRejections rejections) {
    this.token = token;
    this.rejections = rejections;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!token.configured()) {
      reject(
          request,
          response,
          Reason.ADMIN_DISABLED,
          "admin API is disabled: start the load generator with LOADGEN_ADMIN_TOKEN set");
      return;
    }
    if (!token.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"load-generator-admin\"");
      reject(
          request,
          response,
          Reason.UNAUTHORIZED,
          "missing or wrong Authorization: Bearer <LOADGEN_ADMIN_TOKEN>");
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      reject(request, response, Reason.BODY_TOO_LARGE, tooLarge(declared + " bytes"));
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      reject(request, response, Reason.INCOMPLETE_BODY, "request body could not be read");
      return;
    }
    if (body.length > MAX_BODY_BYTES) {
      reject(request, response, Reason.BODY_TOO_LARGE, tooLarge("more than " + MAX_BODY_BYTES));
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private static String tooLarge(String size) {
    return "request body of " + size + " is over the limit of " + MAX_BODY_BYTES + " bytes";
  }

  private void reject(
      HttpServletRequest request, HttpServletResponse response, Reason reason, String error)
      throws IOException {
    rejections.count(reason, request, error);
    response.setStatus(reason.status().value());
    // The body was not read (or not to its end): do not keep the connection for more of it.
    response.setHeader(HttpHeaders.CONNECTION, "close");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("error", error)));
  }

  /** The request with its body already read (at most {@value #MAX_BODY_BYTES} bytes). */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body has already been read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
