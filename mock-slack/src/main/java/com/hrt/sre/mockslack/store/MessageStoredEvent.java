package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.Message;

/** Published after a message is stored, in arrival order, so the live stream can push it. */
public record MessageStoredEvent(Message message) {}
