package com.hrt.sre.batchsync.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Pulls every page of the portal's records and transforms each record. The first page tells the
 * catalogue size; a later page that still fails after its retries counts its records as failed, and
 * several such pages in a row mean the portal is gone: the rest count as failed without waiting on
 * more retries.
 */
@Component
class RecordSync {

  private static final Logger log = LoggerFactory.getLogger(RecordSync.class);

  private final PortalClient portal;
  private final RecordTransformer transformer;
  private final BatchSyncProperties properties;

  RecordSync(PortalClient portal, RecordTransformer transformer, BatchSyncProperties properties) {
    this.portal = portal;
    this.transformer = transformer;
    this.properties = properties;
  }

  SyncResult syncAll() {
    int size = properties.batchSize();
    RecordsPage first;
    try {
      first = portal.fetchPage(0, size);
    } catch (PortalUnavailableException e) {
      log.warn(
          "event=portal_unreachable page=0 attempts={} error=\"{}\"", e.attempts(), e.reason());
      return new SyncResult(0, 0, 0, 0, portal.retries(), true);
    }
    long total = first.total();
    long pageCount = (total + size - 1) / size;
    Tally tally = new Tally();
    tally.add(first);
    int failedInARow = 0;
    for (int page = 1; page < pageCount; page++) {
      try {
        tally.add(portal.fetchPage(page, size));
        failedInARow = 0;
      } catch (PortalUnavailableException e) {
        long lost = recordsOnPage(page, size, total);
        tally.failed += lost;
        failedInARow++;
        log.warn(
            "event=page_failed page={} records={} attempts={} error=\"{}\"",
            page,
            lost,
            e.attempts(),
            e.reason());
        if (failedInARow >= properties.maxConsecutiveFailedPages()) {
          long remaining = Math.max(0, total - (long) (page + 1) * size);
          tally.failed += remaining;
          log.warn(
              "event=portal_unreachable failed_pages_in_a_row={} remaining_records_failed={}",
              failedInARow,
              remaining);
          return tally.result(total, true);
        }
      }
    }
    return tally.result(total, false);
  }

  private static long recordsOnPage(int page, int size, long total) {
    return Math.max(0, Math.min(size, total - (long) page * size));
  }

  private final class Tally {
    private long ok;
    private long failed;
    private int pages;

    void add(RecordsPage page) {
      pages++;
      for (JsonNode record : page.items()) {
        if (transformer.transform(record)) {
          ok++;
        } else {
          failed++;
        }
      }
    }

    SyncResult result(long total, boolean portalUnreachable) {
      return new SyncResult(total, ok, failed, pages, portal.retries(), portalUnreachable);
    }
  }
}
