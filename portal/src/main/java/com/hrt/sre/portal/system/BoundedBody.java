package com.hrt.sre.portal.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body with a size limit. The limit is checked against the declared length first
 * and then enforced while reading, so a chunked body (no Content-Length) cannot get past it: at
 * most {@code maxBytes + 1} bytes are ever read.
 */
public final class BoundedBody {

  private BoundedBody() {}

  /**
   * @return the whole body, at most {@code maxBytes} long (empty when there is none)
   * @throws RejectedRequestException {@code body_too_large} over the limit, {@code incomplete_body}
   *     when the client stops sending before the end
   */
  public static byte[] read(HttpServletRequest request, int maxBytes) {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes", maxBytes);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new RejectedRequestException(
          RejectionReason.INCOMPLETE_BODY,
          "request body could not be read to its end; nothing was changed: " + e.getMessage());
    }
  }

  private static RejectedRequestException tooLarge(String size, int maxBytes) {
    return new RejectedRequestException(
        RejectionReason.BODY_TOO_LARGE,
        "request body of "
            + size
            + " is over the limit of "
            + maxBytes
            + " bytes; nothing was"
            + " changed");
  }
}
