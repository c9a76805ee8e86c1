package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.Message;

/**
 * Published after a message is stored, in arrival order, so the live stream can push it; and again,
 * with the same id, after a stored message changed (acknowledged, silenced), so live pages replace
 * it.
 */
public record MessageStoredEvent(Message message) {}
