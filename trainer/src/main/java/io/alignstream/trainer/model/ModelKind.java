package io.alignstream.trainer.model;

import java.util.Locale;

/** The three downstream families (DESIGN §1), one model architecture each. */
public enum ModelKind {
  /** Machine translation: {@code TextPair} payloads, tasks {@code mt.*}. */
  MT,
  /** Solar-flare forecasting: {@code Features} payloads, tasks {@code solar.*}. */
  SOLAR,
  /** Electron-microscopy particle size: {@code Image} payloads, tasks {@code stem.*}. */
  STEM;

  /**
   * The family of a task id by its prefix: {@code mt.en-fr} → MT, {@code solar.flare24h} → SOLAR,
   * {@code stem.size} → STEM.
   *
   * @throws IllegalArgumentException for any other task id
   */
  public static ModelKind forTask(String task) {
    String prefix = task.contains(".") ? task.substring(0, task.indexOf('.')) : task;
    for (ModelKind k : values()) {
      if (k.name().equals(prefix.toUpperCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("no model family for task '" + task + "' (expected mt.*, solar.* or stem.*)");
  }
}
