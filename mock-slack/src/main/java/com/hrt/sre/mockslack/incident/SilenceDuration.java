package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A silence's length as people type it, in amtool's units: {@code 30m}, {@code 1h}, {@code 4h},
 * {@code 2h30m}, {@code 7d}. From 1 minute (shorter ends before anyone notices) to 7 days (longer
 * hides a real problem for good; amtool users can still make one).
 */
final class SilenceDuration {

  static final Duration MIN = Duration.ofMinutes(1);
  static final Duration MAX = Duration.ofDays(7);
  private static final Pattern FORMAT =
      Pattern.compile("(?:(\\d{1,4})d)?(?:(\\d{1,5})h)?(?:(\\d{1,6})m)?(?:(\\d{1,7})s)?");

  private SilenceDuration() {}

  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new RejectedRequestException(
          RejectionReason.MISSING_FIELD, "field 'duration' is required");
    }
    Matcher m = FORMAT.matcher(text.strip());
    if (!m.matches() || text.strip().isEmpty()) {
      throw invalid("field 'duration' must look like 30m, 1h, 4h or 2h30m (got '" + text + "')");
    }
    Duration d =
        Duration.ofDays(number(m.group(1)))
            .plusHours(number(m.group(2)))
            .plusMinutes(number(m.group(3)))
            .plusSeconds(number(m.group(4)));
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
      throw invalid("field 'duration' must be from 1m to 7d (got '" + text + "')");
    }
    return d;
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  private static RejectedRequestException invalid(String detail) {
    return new RejectedRequestException(RejectionReason.INVALID_FIELD, detail);
  }
}
