package com.hrt.sre.mockslack.stream;

import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream}: Server-Sent Events, {@code message} per new message, {@code cleared}.
 */
@RestController
class StreamController {

  private final SseBroadcaster broadcaster;

  StreamController(SseBroadcaster broadcaster) {
    this.broadcaster = broadcaster;
  }

  @GetMapping("/api/stream")
  SseEmitter stream() {
    return broadcaster
        .subscribe()
        .orElseThrow(
            () ->
                new RejectedRequestException(
                    RejectionReason.TOO_MANY_SUBSCRIBERS,
                    "too many live-stream clients are connected; close a tab and retry"));
  }
}
