package com.hrt.sre.portal.chaos;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON reader for chaos settings (admin bodies and the state file). */
final class ChaosJson {

  /**
   * Lets NaN and Infinity through the parser so validation can name the field that carries them;
   * rejects duplicate keys and trailing content, which would otherwise hide a mistake.
   */
  static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ChaosJson() {}
}
