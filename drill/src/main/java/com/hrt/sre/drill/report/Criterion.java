package com.hrt.sre.drill.report;

/**
 * One pass/fail line of a report card, with the number beside its limit.
 *
 * @param subject the alert it is about, or {@code scenario}
 * @param name detect, notify, channel, resolve, recover, noise or budget
 * @param measured the number measured (seconds, a count, or a budget share); null: never happened
 * @param limit the largest value that passes
 * @param floor for detect and notify: the configuration's floor the limit is built on
 * @param unit {@code s}, {@code alerts} or {@code budget}
 * @param passed whether it passed
 * @param note what the number means, or why it failed
 */
public record Criterion(
    String subject,
    String name,
    Double measured,
    Double limit,
    Double floor,
    String unit,
    boolean passed,
    String note) {}
