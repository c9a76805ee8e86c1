package com.hrt.sre.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes objects into fabric8's generated API model classes and reports every field that
 * is not part of the Kubernetes API.
 *
 * <p>fabric8's models are lenient on purpose: an unknown field (a typo such as {@code
 * readOnlyRootFileSystem}) or a value of the wrong type does not fail deserialisation but lands in
 * the object's {@code additionalProperties} map. Walking the object tree and requiring every such
 * map to be empty turns the models into a strict schema check, like {@code kubeconform -strict}.
 */
final class StrictModel {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private StrictModel() {}

  /**
   * One object as its typed model class ({@link GenericKubernetesResource} if the kind is unknown).
   */
  static HasMetadata read(Map<String, Object> object) {
    return SERIALIZATION.convertValue(object, HasMetadata.class);
  }

  /**
   * Problems found in one object as written: a value of the wrong type, an unknown kind, unknown
   * fields (as "path: unknown field(s) [...]" lines).
   */
  static List<String> violations(Map<String, Object> raw) {
    HasMetadata object;
    try {
      object = read(raw);
    } catch (IllegalArgumentException e) {
      return List.of(
          "does not match the API types: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return violations(object);
  }

  private static List<String> violations(HasMetadata object) {
    List<String> found = new ArrayList<>();
    if (object instanceof GenericKubernetesResource) {
      found.add(object.getApiVersion() + " " + object.getKind() + " is not a known API type");
      return found;
    }
    walk(object, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        walk(item, path + "[" + index++ + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(item, path + "[" + key + "]", found));
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : getters(value.getClass())) {
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add((path.isEmpty() ? "." : path) + ": unknown field(s) " + extra.keySet());
        }
      } else {
        walk(child, path + "." + propertyName(getter), found);
      }
    }
  }

  private static List<Method> getters(Class<?> type) {
    return java.util.Arrays.stream(type.getMethods())
        .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getName().startsWith("get") && !m.getName().equals("getClass"))
        .filter(m -> !m.getReturnType().isPrimitive())
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
