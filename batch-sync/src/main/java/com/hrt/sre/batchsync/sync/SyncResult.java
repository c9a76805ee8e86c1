package com.hrt.sre.batchsync.sync;

/**
 * What one pass over the portal's records achieved.
 *
 * @param total records the portal reported (0 if it was never reached)
 * @param ok records fetched and transformed
 * @param failed records that failed the transform, or whose page could not be fetched
 * @param pages pages fetched successfully
 * @param retries page requests retried
 * @param portalUnreachable the portal could not be reached at all, or failed too many pages in a
 *     row
 */
record SyncResult(
    long total, long ok, long failed, int pages, int retries, boolean portalUnreachable) {

  /** Failed share of all records; 0 when there were none. */
  double failedRatio() {
    long handled = ok + failed;
    return handled == 0 ? 0.0 : (double) failed / handled;
  }
}
