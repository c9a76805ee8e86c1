package com.hrt.sre.mockslack.incident;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ids of silences expired from mock-slack lately. A silence read that started before an Expire
 * still lists it as active; without this, the sync would put it back on the message until the next
 * read. Bounded: the oldest ids go first.
 */
class ExpiredSilences {

  private static final int MAX = 512;

  private final Set<String> ids =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > MAX;
                }
              }));

  void add(String id) {
    ids.add(id);
  }

  boolean contains(String id) {
    return ids.contains(id);
  }
}
