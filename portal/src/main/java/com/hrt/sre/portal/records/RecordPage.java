package com.hrt.sre.portal.records;

import java.util.List;

/** One page of the catalogue: {@code {"items": [...], "page": 0, "size": 50, "total": N}}. */
record RecordPage(List<CatalogueRecord> items, long page, int size, long total) {}
