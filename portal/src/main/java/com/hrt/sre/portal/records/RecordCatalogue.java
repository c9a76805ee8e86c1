package com.hrt.sre.portal.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A fixed, deterministic catalogue of records with ids 1..N.
 *
 * <p>Each record is a pure function of its id (a SplitMix64 hash), so the catalogue is the same on
 * every instance and after every restart, needs no storage, and costs no memory however large N is.
 */
@Component
class RecordCatalogue {

  private static final String[] CATEGORIES = {
    "billing", "inventory", "shipping", "support", "analytics", "identity"
  };
  private static final String[] ADJECTIVES = {
    "amber", "brisk", "calm", "deft", "eager", "fair", "grand", "hardy", "keen", "lucid"
  };
  private static final String[] NOUNS = {
    "falcon", "harbor", "lantern", "meadow", "orchid", "pebble", "quartz", "river", "summit", "tide"
  };
  private static final long EPOCH_2025 = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
  private static final long SECONDS_PER_YEAR = 365L * 24 * 3600;

  private final long total;

  RecordCatalogue(RecordsProperties properties) {
    this.total = properties.count();
  }

  long total() {
    return total;
  }

  Optional<CatalogueRecord> find(long id) {
    return id >= 1 && id <= total ? Optional.of(generate(id)) : Optional.empty();
  }

  /** The records of page {@code page} (0-based) of {@code size}; empty past the last page. */
  List<CatalogueRecord> page(long page, int size) {
    long first = page * size + 1;
    long last = Math.min(total, first + size - 1);
    List<CatalogueRecord> items = new ArrayList<>((int) Math.max(0, last - first + 1));
    for (long id = first; id <= last; id++) {
      items.add(generate(id));
    }
    return items;
  }

  private static CatalogueRecord generate(long id) {
    long h = mix(id);
    String name =
        ADJECTIVES[(int) Long.remainderUnsigned(h, ADJECTIVES.length)]
            + "-"
            + NOUNS[(int) Long.remainderUnsigned(h >>> 8, NOUNS.length)]
            + "-"
            + id;
    String category = CATEGORIES[(int) Long.remainderUnsigned(h >>> 16, CATEGORIES.length)];
    int priority = 1 + (int) Long.remainderUnsigned(h >>> 24, 5);
    long amountCents = Long.remainderUnsigned(h >>> 28, 1_000_000);
    boolean active = ((h >>> 50) & 7) != 0; // 7 in 8 are active
    String createdAt =
        Instant.ofEpochSecond(EPOCH_2025 + Long.remainderUnsigned(h >>> 3, SECONDS_PER_YEAR))
            .toString();
    return new CatalogueRecord(id, name, category, priority, amountCents, active, createdAt);
  }

  /** SplitMix64's finaliser: a fast, well-spread hash of the id. */
  private static long mix(long id) {
    long z = id * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
