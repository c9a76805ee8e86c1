package com.hrt.sre.platform.delivery;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argo CD's own rule for "may this Application (or this resource) go to that destination", ported
 * line by line so a test can ask it before Argo CD does. Source: argo-cd
 * pkg/apis/application/v1alpha1/app_project_types.go, {@code AppProject.isDestinationMatched} and
 * {@code globMatch} (patterns are gobwas/glob globs; a leading {@code !} makes a deny pattern; the
 * plain {@code *} matches anything, the empty string included). Per destination entry:
 *
 * <pre>
 * dstNameMatched      := dst.Name != ""   &amp;&amp; globMatch(item.Name, dst.Name, true)
 * dstServerMatched    := dst.Server != "" &amp;&amp; globMatch(item.Server, dst.Server, true)
 * dstNamespaceMatched := globMatch(item.Namespace, dst.Namespace, true)
 * matched := (dstServerMatched || dstNameMatched) &amp;&amp; dstNamespaceMatched
 * </pre>
 *
 * and the destination is permitted when some entry matched and no deny pattern failed. So an
 * Application without {@code destination.namespace} is refused by a project that lists only named
 * namespaces (Argo CD: "InvalidSpecError ... do not match any of the allowed destinations").
 * Resources are checked the same way with their own namespace ({@code IsLiveResourcePermitted}).
 */
final class ArgoDestinationRules {

  private final List<Map<String, Object>> destinations;

  ArgoDestinationRules(List<Map<String, Object>> projectDestinations) {
    this.destinations = List.copyOf(projectDestinations);
  }

  boolean permits(String server, String name, String namespace) {
    String dstServer = server == null ? "" : server;
    String dstName = name == null ? "" : name;
    String dstNamespace = namespace == null ? "" : namespace;
    boolean anyMatched = false;
    boolean noDenyFailed = true;
    for (Map<String, Object> item : destinations) {
      String itemName = string(item.get("name"));
      String itemServer = string(item.get("server"));
      String itemNamespace = string(item.get("namespace"));
      boolean nameMatched = !dstName.isEmpty() && globMatch(itemName, dstName);
      boolean serverMatched = !dstServer.isEmpty() && globMatch(itemServer, dstServer);
      boolean namespaceMatched = globMatch(itemNamespace, dstNamespace);
      if ((serverMatched || nameMatched) && namespaceMatched) {
        anyMatched = true;
      } else if ((!nameMatched && isDeny(itemName))
          || (!serverMatched && isDeny(itemServer))
          || (!namespaceMatched && isDeny(itemNamespace))) {
        noDenyFailed = false;
      }
    }
    return anyMatched && noDenyFailed;
  }

  /** {@code globMatch(pattern, val, allowNegation=true)} without separators. */
  static boolean globMatch(String pattern, String value) {
    if (isDeny(pattern)) {
      return !glob(pattern.substring(1)).matcher(value).matches();
    }
    if (pattern.equals("*")) {
      return true;
    }
    return glob(pattern).matcher(value).matches();
  }

  private static boolean isDeny(String pattern) {
    return pattern.startsWith("!");
  }

  /** gobwas/glob without separators: {@code *}, {@code ?}, {@code [...]}, {@code {a,b}}. */
  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          String set = pattern.substring(i + 1, end);
          regex
              .append('[')
              .append(set.startsWith("!") ? "^" + quoteSet(set.substring(1)) : quoteSet(set))
              .append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          braces--;
          regex.append(')');
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        case '\\' -> regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static String quoteSet(String set) {
    // Ranges such as a-z stay ranges; everything else is literal.
    return set.replaceAll("([\\\\\\[\\]^&])", "\\\\$1");
  }

  private static String string(Object value) {
    return value == null ? "" : value.toString();
  }
}
