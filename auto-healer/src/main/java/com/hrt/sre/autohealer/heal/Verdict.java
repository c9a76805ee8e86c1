package com.hrt.sre.autohealer.heal;

/**
 * The policy's decision on one workload, with the reason a human reads in the log.
 *
 * @param action what to do
 * @param reason why, in words
 */
public record Verdict(Action action, String reason) {}
