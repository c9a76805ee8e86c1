package com.hrt.sre.mockslack.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The byte budget against the heap at start-up: kept, clamped to half the heap, or refused. */
class StoreBudgetTest {

  static final long MB = 1024 * 1024;
  static final long BODY = 256 * 1024;

  @Test
  void aBudgetWithinHalfTheHeapIsKept() {
    assertThat(StoreBudget.effective(64 * MB, BODY, 256 * MB)).isEqualTo(64 * MB);
  }

  @Test
  void aBudgetOverHalfTheHeapIsClampedToHalf() {
    assertThat(StoreBudget.effective(1024 * MB, BODY, 256 * MB)).isEqualTo(128 * MB);
  }

  @Test
  void aHeapTooSmallForFourBodiesIsRefused() {
    assertThatThrownBy(() -> StoreBudget.effective(64 * MB, BODY, 1 * MB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("too small");
  }
}
