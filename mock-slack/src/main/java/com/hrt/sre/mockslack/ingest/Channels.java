package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import java.util.Locale;
import java.util.regex.Pattern;

/** Channel names as Slack writes them: {@code #name} (or {@code @user}), at most 80 characters. */
final class Channels {

  private static final Pattern VALID = Pattern.compile("^[#@][\\p{L}\\p{N}._-]{1,80}$");
  private static final Pattern NOT_IN_NAME = Pattern.compile("[^\\p{L}\\p{N}._-]+");

  private Channels() {}

  /**
   * The channel a message names, with {@code #} added when missing (Slack accepts both), or {@code
   * fallback} when it names none. A name Slack would not accept is rejected.
   */
  static String normalize(String requested, String fallback, String fieldName) {
    if (requested == null || requested.isBlank()) {
      return fallback;
    }
    String name = requested.strip();
    if (!name.startsWith("#") && !name.startsWith("@")) {
      name = "#" + name;
    }
    if (!VALID.matcher(name).matches()) {
      throw new RejectedRequestException(
          RejectionReason.INVALID_FIELD,
          fieldName
              + " must be #name or @name: 1-80 letters, digits, '.', '_' or '-' (got '"
              + abbreviate(requested)
              + "')");
    }
    return name;
  }

  /**
   * A channel named after an Alertmanager receiver, e.g. {@code team-x-pager} -> {@code
   * #team-x-pager}.
   */
  static String fromReceiver(String receiver, String fallback) {
    if (receiver == null || receiver.isBlank()) {
      return fallback;
    }
    String slug = NOT_IN_NAME.matcher(receiver.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = slug.replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      return fallback;
    }
    return "#" + (slug.length() > 80 ? slug.substring(0, 80) : slug);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
