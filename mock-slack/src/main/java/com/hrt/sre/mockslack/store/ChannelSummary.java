package com.hrt.sre.mockslack.store;

import java.time.Instant;

/** A channel as the channel list shows it. */
public record ChannelSummary(String name, int messageCount, Instant lastMessageAt) {}
