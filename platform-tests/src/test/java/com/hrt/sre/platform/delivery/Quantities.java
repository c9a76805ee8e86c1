package com.hrt.sre.platform.delivery;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ("100m", "1.5", "384Mi", "2Gi", "1G") as plain numbers. */
final class Quantities {

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.of(
          "m", new BigDecimal("0.001"),
          "Ki", BigDecimal.valueOf(1024L),
          "Mi", BigDecimal.valueOf(1024L * 1024),
          "Gi", BigDecimal.valueOf(1024L * 1024 * 1024),
          "k", BigDecimal.valueOf(1000L),
          "M", BigDecimal.valueOf(1000L * 1000),
          "G", BigDecimal.valueOf(1000L * 1000 * 1000));

  private Quantities() {}

  static BigDecimal parse(Object quantity) {
    String text = String.valueOf(quantity).strip();
    for (String suffix : new String[] {"Ki", "Mi", "Gi", "m", "k", "M", "G"}) {
      if (text.endsWith(suffix)) {
        return new BigDecimal(text.substring(0, text.length() - suffix.length()))
            .multiply(SUFFIXES.get(suffix));
      }
    }
    return new BigDecimal(text);
  }
}
