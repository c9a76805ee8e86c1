package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.MockSlackProperties;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Reads a request body into a payload type, bounded and strict, so that every bad body becomes a
 * {@link RejectedRequestException} naming the problem rather than a 500 or an unbounded read.
 *
 * <p>The body is read here (not by Spring's converters) because the size limit must hold for
 * chunked bodies too, which carry no Content-Length to check up front. Public: every endpoint that
 * takes a body (the incident actions too) reads it here.
 */
@Component
public class PayloadReader {

  private final long maxBytes;
  private final ObjectMapper json;

  PayloadReader(MockSlackProperties properties, ObjectMapper json) {
    this.maxBytes = properties.maxBodySize().toBytes();
    this.json = json;
  }

  /**
   * The request's media type when it is JSON, or a URL-encoded form if {@code formAllowed};
   * anything else (or none) is rejected before the body is read.
   */
  public MediaType requireContentType(HttpServletRequest request, boolean formAllowed) {
    String header = request.getContentType();
    MediaType type = null;
    if (header != null) {
      try {
        type = MediaType.parseMediaType(header);
      } catch (InvalidMediaTypeException e) {
        type = null;
      }
    }
    boolean json =
        type != null
            && (MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json"));
    boolean form =
        type != null && formAllowed && MediaType.APPLICATION_FORM_URLENCODED.includes(type);
    if (!json && !form) {
      throw new RejectedRequestException(
          RejectionReason.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type "
              + (header == null ? "(none)" : header)
              + " is not supported: send application/json"
              + (formAllowed ? " or a form with a 'payload' field" : ""));
    }
    return type;
  }

  /** The raw body, at most the configured limit. */
  public byte[] body(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes");
      }
      return body;
    } catch (IOException e) {
      // The client stopped sending or went away mid-body: nothing was stored.
      throw new RejectedRequestException(
          RejectionReason.INCOMPLETE_BODY, "request body could not be read: " + e.getMessage());
    }
  }

  /** Parses {@code body} as one JSON object of {@code type}. */
  public <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0 || isBlank(body)) {
      throw new RejectedRequestException(RejectionReason.MALFORMED_JSON, "request body is empty");
    }
    ObjectReader reader = json.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    T value;
    try {
      value = reader.readValue(body);
    } catch (StreamReadException e) {
      throw new RejectedRequestException(
          RejectionReason.MALFORMED_JSON, "body is not valid JSON: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      String path = pathOf(e);
      if (path.isEmpty()) {
        throw new RejectedRequestException(
            RejectionReason.INVALID_FIELD, "body must be a JSON object");
      }
      throw new RejectedRequestException(
          RejectionReason.INVALID_FIELD, "field '" + path + "' has the wrong type or format");
    }
    if (value == null) {
      throw new RejectedRequestException(
          RejectionReason.INVALID_FIELD, "body must be a JSON object");
    }
    return value;
  }

  private RejectedRequestException tooLarge(String size) {
    return new RejectedRequestException(
        RejectionReason.BODY_TOO_LARGE,
        "body of " + size + " is over the limit of " + maxBytes + " bytes");
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** The JSON path of the failing field, e.g. {@code attachments[0].fields}. */
  private static String pathOf(JacksonException e) {
    return e.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null
                    ? "." + ref.getPropertyName()
                    : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }
}
