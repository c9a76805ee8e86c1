package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.message.Attachment;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The labels an alert message carries from Alertmanager, and the matchers a silence of it gets:
 * alertname plus the grouping labels, so the silence covers exactly the notification's group.
 *
 * <ul>
 *   <li>Webhook messages carry Alertmanager's {@code groupLabels} (the route's {@code group_by})
 *       and {@code commonLabels}: the matchers are alertname and the group labels.
 *   <li>Slack-format messages carry the alert name (from the {@code [FIRING:n] Name} title) and the
 *       label fields the templates attach ({@code severity}, {@code service}: Alertmanager's {@code
 *       CommonLabels}, the same for every alert of the group): the matchers are those.
 * </ul>
 */
final class AlertLabels {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");

  private AlertLabels() {}

  /** Labels every alert of the message has; what a silence made elsewhere is matched against. */
  static Map<String, String> of(Message message) {
    Map<String, String> labels = new TreeMap<>();
    if (message.source() == Source.WEBHOOK && message.group() != null) {
      labels.putAll(message.group().commonLabels());
      labels.putAll(message.group().groupLabels());
    } else {
      for (Attachment attachment : message.attachments()) {
        for (Attachment.Field field : attachment.fields()) {
          if (isLabel(field.title(), field.value())) {
            labels.put(field.title(), field.value().strip());
          }
        }
      }
    }
    if (message.alertname() != null && !message.alertname().isBlank()) {
      labels.putIfAbsent("alertname", message.alertname());
    }
    return labels;
  }

  /** The matchers of a silence for this message; empty when it names no alert. */
  static List<SilenceMatcher> matchersFor(Message message) {
    Map<String, String> labels = of(message);
    if (!labels.containsKey("alertname")) {
      return List.of();
    }
    Map<String, String> chosen = new TreeMap<>();
    if (message.source() == Source.WEBHOOK && message.group() != null) {
      chosen.putAll(message.group().groupLabels());
      chosen.put("alertname", labels.get("alertname"));
    } else {
      chosen.putAll(labels);
    }
    List<SilenceMatcher> matchers = new ArrayList<>();
    // alertname first: it is what a reader looks for.
    matchers.add(SilenceMatcher.equal("alertname", chosen.remove("alertname")));
    chosen.forEach((name, value) -> matchers.add(SilenceMatcher.equal(name, value)));
    return matchers;
  }

  private static boolean isLabel(String name, String value) {
    return name != null
        && LABEL_NAME.matcher(name).matches()
        && value != null
        && !value.isBlank()
        && value.length() <= 256;
  }
}
