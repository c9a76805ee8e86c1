package com.hrt.sre.mockslack.store;

import java.util.Optional;

/** Published after history was cleared: of one channel, or of all when {@code channel} is empty. */
public record MessagesClearedEvent(Optional<String> channel, int deleted) {}
