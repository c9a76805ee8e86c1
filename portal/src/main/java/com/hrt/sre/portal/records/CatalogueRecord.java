package com.hrt.sre.portal.records;

/**
 * One record of the catalogue, as the API returns it.
 *
 * @param id 1..N
 * @param name human-readable, derived from the id
 * @param category one of a few fixed categories
 * @param priority 1 (highest) .. 5
 * @param amountCents a money-like amount, 0..999999
 * @param active whether the record is active
 * @param createdAt ISO-8601 UTC timestamp in 2025
 */
public record CatalogueRecord(
    long id,
    String name,
    String category,
    int priority,
    long amountCents,
    boolean active,
    String createdAt) {}
