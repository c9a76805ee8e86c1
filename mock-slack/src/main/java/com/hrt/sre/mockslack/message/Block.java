package com.hrt.sre.mockslack.message;

/**
 * The readable text of one Slack Block Kit block ({@code header}, {@code section}, {@code context},
 * ...); interactive parts of blocks mean nothing here and are not kept.
 */
public record Block(String type, String text) {}
