package io.alignstream.infra.registry;

import io.alignstream.infra.registry.SchemaLogRecords.ConfigEntry;
import io.alignstream.infra.registry.SchemaLogRecords.Entry;
import io.alignstream.infra.registry.SchemaLogRecords.SchemaEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's operations over its state and log. Mutations are serialized (one writer per
 * log is assumed), each record is appended to the {@link SchemaLog} first and applied to memory
 * only once the append succeeded, so memory never holds what the log lacks. Failures the client
 * caused are thrown as {@link RegistryError}s with Confluent's codes.
 */
final class SchemaStore {
  private final SchemaLog log;
  private final RegistryState state = new RegistryState();

  SchemaStore(SchemaLog log) {
    this.log = log;
  }

  /** Rebuilds the state from the log; call once before serving. */
  synchronized void replay() {
    log.replay((key, value) -> SchemaLogRecords.decode(key, value).ifPresent(state::apply));
  }

  List<String> subjects(boolean includeDeleted) {
    return state.subjects(includeDeleted);
  }

  /** A subject's versions oldest first; 40401 when it has none. */
  List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    List<SchemaVersion> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  /** Live versions newest first, as compatibility checks want them; empty for a new subject. */
  List<SchemaVersion> liveVersionsNewestFirst(String subject) {
    List<SchemaVersion> versions = new ArrayList<>(state.versions(subject, false));
    Collections.reverse(versions);
    return versions;
  }

  SchemaVersion version(String subject, VersionSpec spec, boolean includeDeleted) {
    return resolve(versions(subject, includeDeleted), spec);
  }

  /** The version of {@code subject} holding {@code schema}; 40401 or 40403 when there is none. */
  SchemaVersion lookup(String subject, Schema schema, boolean includeDeleted) {
    String canonical = AvroSchemas.canonical(schema);
    List<SchemaVersion> versions = versions(subject, includeDeleted);
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).schema().equals(canonical)) {
        return versions.get(i);
      }
    }
    throw RegistryError.schemaNotFound();
  }

  String schema(int id) {
    return state.schema(id).orElseThrow(() -> RegistryError.schemaNotFound(id));
  }

  List<SchemaVersion> versionsWithId(int id, boolean includeDeleted) {
    schema(id);
    return state.versionsWithId(id, includeDeleted);
  }

  CompatibilityLevel globalLevel() {
    return state.globalLevel();
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return state.configuredLevel(subject);
  }

  CompatibilityLevel effectiveLevel(String subject) {
    return state.effectiveLevel(subject);
  }

  /**
   * Registers {@code schema} under {@code subject} and returns its id: the existing one when the
   * subject already holds it live, the id the same schema has anywhere else, or a new one.
   *
   * @throws RegistryError 409 when the subject's level rejects it
   */
  synchronized int register(String subject, Schema schema) {
    String canonical = AvroSchemas.canonical(schema);
    List<SchemaVersion> live = liveVersionsNewestFirst(subject);
    for (SchemaVersion version : live) {
      if (version.schema().equals(canonical)) {
        return version.id();
      }
    }
    List<String> problems = AvroCompatibility.check(schema, live, state.effectiveLevel(subject));
    if (!problems.isEmpty()) {
      throw RegistryError.incompatible(subject, problems);
    }
    int id = state.id(canonical).orElseGet(state::nextId);
    List<SchemaVersion> all = state.versions(subject, true);
    // Soft-deleted versions keep their numbers, so numbering continues after them.
    int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
    write(new SchemaEntry(subject, version,
        new SchemaVersion(subject, version, id, canonical, false)));
    return id;
  }

  /** Soft-deletes the live versions, or permanently removes soft-deleted ones; returns them. */
  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<SchemaVersion> all = versions(subject, true);
    List<SchemaVersion> live = all.stream().filter(v -> !v.deleted()).toList();
    if (!permanent) {
      if (live.isEmpty()) {
        throw RegistryError.subjectSoftDeleted(subject);
      }
      live.forEach(v -> write(new SchemaEntry(subject, v.version(), v.asDeleted())));
      return live.stream().map(SchemaVersion::version).toList();
    }
    if (!live.isEmpty()) {
      throw RegistryError.subjectNotSoftDeleted(subject);
    }
    all.forEach(v -> write(new SchemaEntry(subject, v.version(), null)));
    if (state.configuredLevel(subject).isPresent()) {
      write(new ConfigEntry(subject, null));
    }
    return all.stream().map(SchemaVersion::version).toList();
  }

  /** Soft-deletes one live version, or permanently removes a soft-deleted one; returns it. */
  synchronized int deleteVersion(String subject, VersionSpec spec, boolean permanent) {
    if (state.versions(subject, permanent).isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    // "latest" means the latest live version for a soft delete, the latest of all otherwise.
    SchemaVersion target = resolve(state.versions(subject, permanent || !spec.latest()), spec);
    if (permanent && !target.deleted()) {
      throw RegistryError.versionNotSoftDeleted(subject, target.version());
    }
    if (!permanent && target.deleted()) {
      throw RegistryError.versionSoftDeleted(subject, target.version());
    }
    write(new SchemaEntry(subject, target.version(), permanent ? null : target.asDeleted()));
    return target.version();
  }

  /** Sets the global level ({@code subject} null) or a subject's. */
  synchronized void configure(String subject, CompatibilityLevel level) {
    write(new ConfigEntry(subject, level));
  }

  /**
   * Clears the global level (back to the default) or a subject's, returning the level cleared.
   *
   * @throws RegistryError 40401 when the subject has no level of its own, as in Confluent
   */
  synchronized CompatibilityLevel removeConfig(String subject) {
    Optional<CompatibilityLevel> configured = state.configuredLevel(subject);
    if (subject == null) {
      configured.ifPresent(level -> write(new ConfigEntry(null, null)));
      return configured.orElse(CompatibilityLevel.DEFAULT);
    }
    CompatibilityLevel level = configured.orElseThrow(() -> RegistryError.subjectNotFound(subject));
    write(new ConfigEntry(subject, null));
    return level;
  }

  private void write(Entry entry) {
    log.append(SchemaLogRecords.key(entry), SchemaLogRecords.value(entry));
    state.apply(entry);
  }

  private static SchemaVersion resolve(List<SchemaVersion> versions, VersionSpec spec) {
    if (spec.latest()) {
      return versions.get(versions.size() - 1);
    }
    return versions.stream().filter(v -> v.version() == spec.number()).findFirst()
        .orElseThrow(() -> RegistryError.versionNotFound(spec.number()));
  }
}
