package com.hrt.sre.mockslack.message;

import java.util.List;
import java.util.Map;

/** The grouping context of an Alertmanager webhook notification and its alerts. */
public record AlertGroup(
    String receiver,
    String groupKey,
    String externalUrl,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    int truncatedAlerts,
    List<Alert> alerts) {

  public AlertGroup {
    groupLabels = Labels.sorted(groupLabels);
    commonLabels = Labels.sorted(commonLabels);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
