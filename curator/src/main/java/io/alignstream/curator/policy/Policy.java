package io.alignstream.curator.policy;

import io.alignstream.curator.algo.FamilyGrid;
import io.alignstream.schemas.dataset.CurationPolicy;
import java.util.List;

/**
 * A validated curation policy (see {@link PolicyParser}): which samples of a task it considers,
 * whose score it reads, how it selects, its rules, and the dataset ids it fills.
 *
 * @param id dataset id, or family id for {@link Family}
 * @param targetId target whose alignment is read (null: the only target of the task's scores)
 * @param method alignment method read by score-based selections (null for {@link All})
 * @param sizeLimit the dataset seals at this size (null: never; families use their sizes)
 * @param declared the policy as the user declared it
 */
public record Policy(String id, String task, String targetId, String method, Long sizeLimit, Rules rules,
    Selection selection, CurationPolicy declared) {

  /** The curated datasets this policy fills. */
  public List<String> datasetIds() {
    return selection instanceof Family f ? f.memberIds(id) : List.of(id);
  }

  /** How samples are chosen. */
  public sealed interface Selection permits Threshold, TopQ, Importance, RandomControl, Family, All {
    /** Whether the selection needs the sample's alignment value. */
    default boolean needsScore() {
      return true;
    }
  }

  /** Keep a sample when its alignment is at least {@code tau}. */
  public record Threshold(double tau) implements Selection {}

  /**
   * Keep a sample when its alignment is in the top {@code q} fraction of everything seen so far
   * (a KLL sketch); the first {@code warmup} samples only feed the sketch.
   */
  public record TopQ(double q, int warmup, int sketchK) implements Selection {}

  /**
   * DSIR-style importance resampling: of every {@code window} arrivals keep {@code k}, drawn
   * without replacement with probability ∝ exp(score / temperature) (Gumbel top-k, seeded).
   */
  public record Importance(int k, int window, double temperature, long seed) implements Selection {}

  /**
   * A random control: each sample kept with probability {@code rate} (a seeded per-id coin), until
   * the size limit or, with {@code match}, the size of that other dataset (its size limit when it has one).
   */
  public record RandomControl(double rate, String match, long seed) implements Selection {
    @Override
    public boolean needsScore() {
      return false;
    }
  }

  /**
   * A size × alignment family: alignment buckets (fixed {@code boundaries}, or equal-mass quantiles of
   * the first {@code warmup} scores when null) × size budgets; member {@code <id>-a<bucket>-n<size>}
   * seals at its size. With {@code controls}, random members {@code <id>-rand-n<size>} of the same sizes.
   */
  public record Family(int buckets, double[] boundaries, long[] sizes, FamilyGrid.Layout layout, int warmup,
      boolean controls, double controlRate, long seed) implements Selection {
    public List<String> memberIds(String familyId) {
      List<String> ids = new java.util.ArrayList<>();
      for (int b = 0; b < buckets; b++) {
        for (long size : sizes) {
          ids.add(memberId(familyId, b, size));
        }
      }
      if (controls) {
        for (long size : sizes) {
          ids.add(controlId(familyId, size));
        }
      }
      return ids;
    }

    public static String memberId(String familyId, int bucket, long size) {
      return familyId + "-a" + bucket + "-n" + size;
    }

    public static String controlId(String familyId, long size) {
      return familyId + "-rand-n" + size;
    }
  }

  /** Keep every sample that passes the rules. */
  public record All() implements Selection {
    @Override
    public boolean needsScore() {
      return false;
    }
  }

  /** Duplicate removal. */
  public enum Dedup { NONE, EXACT, NEAR }

  /**
   * Filters applied before selection.
   *
   * @param maxNoaaNum drop samples whose NOAA_NUM (metadata) is above it (solar: 1 drops multi-AR patches); null = off
   * @param requireFlaringHistory drop samples without a flare in their [t−24h, t) history (HIST_* features or metadata)
   * @param dedup NONE, EXACT (content hash) or NEAR (MinHash LSH, which includes exact)
   * @param nearThreshold estimated Jaccard at or above which a sample is a near-duplicate of a kept one
   */
  public record Rules(Integer maxNoaaNum, boolean requireFlaringHistory, Dedup dedup, double nearThreshold, int bands,
      int rows, int shingle) {
    public static Rules none() {
      return new Rules(null, false, Dedup.NONE, 0.8, 20, 5, 5);
    }
  }
}
