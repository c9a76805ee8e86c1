package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.AlertStatus;
import java.time.Instant;

/**
 * A channel as the channel list shows it; {@code lastStatus} is the status of its newest message,
 * so a channel whose latest news is a firing alert can stand out.
 */
public record ChannelSummary(
    String name, int messageCount, Instant lastMessageAt, AlertStatus lastStatus) {}
