package io.alignstream.infra.registry;

import io.alignstream.infra.registry.SchemaLogRecords.ConfigEntry;
import io.alignstream.infra.registry.SchemaLogRecords.Entry;
import io.alignstream.infra.registry.SchemaLogRecords.SchemaEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The registry's in-memory state, built only by applying schema log entries; every query returns
 * a copy. Ids stay resolvable while the process lives even after their last version is
 * permanently deleted, and are never handed out twice within it.
 */
final class RegistryState {
  private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  synchronized void apply(Entry entry) {
    if (entry instanceof SchemaEntry schema) {
      applySchema(schema);
    } else if (entry instanceof ConfigEntry config) {
      applyConfig(config);
    }
  }

  private void applySchema(SchemaEntry entry) {
    SchemaVersion value = entry.value();
    if (value == null) {
      NavigableMap<Integer, SchemaVersion> versions = subjects.get(entry.subject());
      if (versions != null) {
        versions.remove(entry.version());
        if (versions.isEmpty()) {
          subjects.remove(entry.subject());
        }
      }
      return;
    }
    subjects.computeIfAbsent(value.subject(), s -> new TreeMap<>()).put(value.version(), value);
    schemasById.putIfAbsent(value.id(), value.schema());
    idsBySchema.putIfAbsent(value.schema(), value.id());
    maxId = Math.max(maxId, value.id());
  }

  private void applyConfig(ConfigEntry entry) {
    if (entry.subject() == null) {
      globalLevel = entry.level();
    } else if (entry.level() == null) {
      subjectLevels.remove(entry.subject());
    } else {
      subjectLevels.put(entry.subject(), entry.level());
    }
  }

  /** Subjects, sorted, that have a live version (or any version when {@code includeDeleted}). */
  synchronized List<String> subjects(boolean includeDeleted) {
    List<String> names = new ArrayList<>();
    subjects.forEach((name, versions) -> {
      if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
        names.add(name);
      }
    });
    return names;
  }

  /** A subject's versions, oldest first; empty for an unknown subject. */
  synchronized List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, new TreeMap<>());
    return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  synchronized List<SchemaVersion> versionsWithId(int id, boolean includeDeleted) {
    List<SchemaVersion> found = new ArrayList<>();
    for (NavigableMap<Integer, SchemaVersion> versions : subjects.values()) {
      versions.values().stream().filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
          .forEach(found::add);
    }
    return found;
  }

  synchronized Optional<String> schema(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  synchronized OptionalInt id(String canonicalSchema) {
    Integer id = idsBySchema.get(canonicalSchema);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  synchronized int nextId() {
    return maxId + 1;
  }

  /** The configured level: the subject's when {@code subject} is given, else the global one. */
  synchronized Optional<CompatibilityLevel> configuredLevel(String subject) {
    return Optional.ofNullable(subject == null ? globalLevel : subjectLevels.get(subject));
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
  }

  /** The level that governs {@code subject}: its own, else the global one. */
  synchronized CompatibilityLevel effectiveLevel(String subject) {
    CompatibilityLevel own = subjectLevels.get(subject);
    return own != null ? own : globalLevel();
  }
}
