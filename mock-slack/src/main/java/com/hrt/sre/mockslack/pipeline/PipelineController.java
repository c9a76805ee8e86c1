package com.hrt.sre.mockslack.pipeline;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/pipeline}: is the alerting pipeline delivering its heartbeat? */
@RestController
class PipelineController {

  private final PipelineMonitor monitor;

  PipelineController(PipelineMonitor monitor) {
    this.monitor = monitor;
  }

  @GetMapping("/api/pipeline")
  PipelineStatus pipeline() {
    return monitor.status();
  }
}
