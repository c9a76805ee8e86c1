package com.hrt.sre.loadgen.traffic;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Picks the next request by the configured weights: a page of the records list or a single record,
 * always inside the catalogue, so that every error the generator sees comes from the target's
 * health, not from the traffic itself.
 */
@Component
class RequestMix {

  private final String baseUrl;
  private final LoadGeneratorProperties.Mix mix;
  private final int pageCount;

  RequestMix(LoadGeneratorProperties properties) {
    String target = properties.targetUrl().toString();
    this.baseUrl = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.mix = properties.mix();
    this.pageCount = Math.max(1, (mix.recordCount() + mix.pageSize() - 1) / mix.pageSize());
  }

  URI next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    boolean list = random.nextInt(mix.listWeight() + mix.recordWeight()) < mix.listWeight();
    if (list) {
      int page = random.nextInt(pageCount);
      return URI.create(baseUrl + "/api/records?page=" + page + "&size=" + mix.pageSize());
    }
    int id = 1 + random.nextInt(mix.recordCount());
    return URI.create(baseUrl + "/api/records/" + id);
  }
}
