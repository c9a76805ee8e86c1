package com.hrt.sre.loadgen.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokenTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\n"})
  void noConfiguredTokenMatchesNothing(String configured) {
    AdminToken token = new AdminToken(new AdminProperties(configured == null ? "" : configured));

    assertThat(token.configured()).isFalse();
    assertThat(token.matches("Bearer ")).isFalse();
    assertThat(token.matches("Bearer " + configured)).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void aConfiguredTokenWithATrailingNewlineMatchesTheTokenWithoutIt() {
    AdminToken token = new AdminToken(new AdminProperties("s3cret\n"));

    assertThat(token.matches("Bearer s3cret")).isTrue();
    assertThat(token.matches("bearer  s3cret ")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Bearer s3cre", "Bearer s3cretX", "Bearer S3CRET", "Basic s3cret", "s3cret"})
  void anythingElseDoesNotMatch(String header) {
    assertThat(new AdminToken(new AdminProperties("s3cret")).matches(header)).isFalse();
  }
}
