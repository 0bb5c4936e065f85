package io.alignstream.trainer.service;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.train.TaskSplits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A task's target data, frozen when its first dataset starts training and kept for the whole run
 * (checkpointed), so every dataset of the task, also one that starts later or after a restart, is
 * prepared, fine-tuned and tested on exactly the same samples.
 *
 * @param task the downstream task
 * @param reference what each model's preprocessing is fitted on (tokenizer, standardisation, label
 *     scale): every target sample outside the test split, or the test split when that is all there is
 * @param fineTune the fine-tune split
 * @param test the test split (non-empty)
 */
public record TaskTargets(String task, List<Sample> reference, List<Sample> fineTune, List<Sample> test) {

  private static final Comparator<Sample> BY_POSITION = Comparator.comparingDouble((Sample s) -> position(s.getId()))
      .thenComparing(Sample::getId);

  public TaskTargets {
    reference = List.copyOf(reference);
    fineTune = List.copyOf(fineTune);
    test = List.copyOf(test);
    if (test.isEmpty()) {
      throw new IllegalArgumentException("task " + task + " has no target sample in its test split");
    }
  }

  public TaskSplits splits() {
    return new TaskSplits(fineTune, test);
  }

  /**
   * Splits target samples by {@link #position} of their id: below {@code testFraction} → test, below
   * {@code testFraction + fineTuneFraction} → fine-tune, the rest only in the reference. Each list is
   * ordered by position, so the outcome does not depend on the order the samples arrived in.
   *
   * @throws IllegalArgumentException when no sample falls into the test split
   */
  public static TaskTargets split(String task, Collection<Sample> samples, double testFraction,
      double fineTuneFraction) {
    List<Sample> sorted = samples.stream().sorted(BY_POSITION).toList();
    List<Sample> test = new ArrayList<>();
    List<Sample> fineTune = new ArrayList<>();
    List<Sample> reference = new ArrayList<>();
    for (Sample s : sorted) {
      double u = position(s.getId());
      if (u < testFraction) {
        test.add(s);
      } else {
        if (u < testFraction + fineTuneFraction) {
          fineTune.add(s);
        }
        reference.add(s);
      }
    }
    return new TaskTargets(task, reference.isEmpty() ? test : reference, fineTune, test);
  }

  /** A sample id's place in [0, 1): the first 53 bits of its SHA-256, stable across JVMs and releases. */
  public static double position(String sampleId) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sampleId.getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits = (bits << 8) | (h[i] & 0xff);
      }
      return (bits >>> 11) * 0x1.0p-53;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Orders samples by {@link #position}, then id. */
  static Comparator<Sample> byPosition() {
    return BY_POSITION;
  }
}
