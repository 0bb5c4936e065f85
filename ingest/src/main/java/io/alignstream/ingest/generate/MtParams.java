package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Knobs of {@link MtGenerator}.
 *
 * <p><b>Alignment knob.</b> Each pair draws a topic mix {@code θ ~ Dirichlet(c·π)} with
 * {@code π = a·targetMix + (1−a)·shiftedMix} (both normalised; their domains must be disjoint), then
 * draws the domain of every content word (noun, adjective, verb) from θ. Hence the expected fraction
 * of content words from the target domains is exactly {@code a}: 1 at a = 1, 0 at a = 0.
 *
 * @param seed random seed; sample i is a function of (seed, i)
 * @param role POOL or TARGET (target sets are usually generated with alignment 1)
 * @param alignment the knob a ∈ [0,1]
 * @param task the sample's task, e.g. {@code mt.en-fr}
 * @param srcLang BCP-47 tag of the source side (the built-in lexicon is English)
 * @param tgtLang BCP-47 tag of the target side (the built-in lexicon is French)
 * @param targetMix domain → weight of the target configuration (domains of {@link MtLexicon})
 * @param shiftedMix domain → weight of the maximally shifted configuration, disjoint from targetMix
 * @param concentration Dirichlet concentration c &gt; 0: large → every pair mixes topics as π, small →
 *     each pair sticks to one or two domains (as real sentences do)
 * @param placeholderRate probability that a pair uses a template with {@code %s}/{@code %d}
 * @param timeline event time of sample i
 */
public record MtParams(long seed, Role role, double alignment, String task, String srcLang, String tgtLang,
    Map<String, Double> targetMix, Map<String, Double> shiftedMix, double concentration, double placeholderRate,
    Timeline timeline) {

  public MtParams {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(srcLang, "srcLang");
    Objects.requireNonNull(tgtLang, "tgtLang");
    Objects.requireNonNull(timeline, "timeline");
    AlignmentKnob.check(alignment);
    targetMix = checkedMix(targetMix, "targetMix");
    shiftedMix = checkedMix(shiftedMix, "shiftedMix");
    for (String d : targetMix.keySet()) {
      if (shiftedMix.containsKey(d)) {
        throw new IllegalArgumentException("targetMix and shiftedMix must be disjoint, both hold " + d);
      }
    }
    if (!(concentration > 0) || Double.isInfinite(concentration)) {
      throw new IllegalArgumentException("concentration must be > 0: " + concentration);
    }
    if (!(placeholderRate >= 0 && placeholderRate <= 1)) {
      throw new IllegalArgumentException("placeholderRate must be in [0,1]: " + placeholderRate);
    }
  }

  /**
   * Target = software UI (0.6) + databases (0.4); shifted = networking, geography, cooking, medicine
   * in equal parts; concentration 1; 15 % placeholders; one pair per second from 2025-01-01.
   */
  public static MtParams defaults() {
    return new MtParams(1L, Role.POOL, 1.0, "mt.en-fr", "en", "fr",
        Map.of(MtLexicon.UI, 0.6, MtLexicon.DB, 0.4),
        Map.of(MtLexicon.NET, 1.0, MtLexicon.GEO, 1.0, MtLexicon.COOKING, 1.0, MtLexicon.MED, 1.0),
        1.0, 0.15, new Timeline(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(1)));
  }

  public MtParams withSeed(long s) {
    return new MtParams(s, role, alignment, task, srcLang, tgtLang, targetMix, shiftedMix, concentration,
        placeholderRate, timeline);
  }

  public MtParams withRole(Role r) {
    return new MtParams(seed, r, alignment, task, srcLang, tgtLang, targetMix, shiftedMix, concentration,
        placeholderRate, timeline);
  }

  public MtParams withAlignment(double a) {
    return new MtParams(seed, role, a, task, srcLang, tgtLang, targetMix, shiftedMix, concentration,
        placeholderRate, timeline);
  }

  public MtParams withMixes(Map<String, Double> target, Map<String, Double> shifted) {
    return new MtParams(seed, role, alignment, task, srcLang, tgtLang, target, shifted, concentration,
        placeholderRate, timeline);
  }

  public MtParams withConcentration(double c) {
    return new MtParams(seed, role, alignment, task, srcLang, tgtLang, targetMix, shiftedMix, c,
        placeholderRate, timeline);
  }

  public MtParams withPlaceholderRate(double p) {
    return new MtParams(seed, role, alignment, task, srcLang, tgtLang, targetMix, shiftedMix, concentration,
        p, timeline);
  }

  public MtParams withTimeline(Timeline t) {
    return new MtParams(seed, role, alignment, task, srcLang, tgtLang, targetMix, shiftedMix, concentration,
        placeholderRate, t);
  }

  /** Sorted and normalised to sum 1, so equal mixes compare equal and iterate in a fixed order. */
  private static Map<String, Double> checkedMix(Map<String, Double> mix, String what) {
    Objects.requireNonNull(mix, what);
    if (mix.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one domain");
    }
    double total = 0;
    for (var e : mix.entrySet()) {
      MtLexicon.domain(e.getKey());
      double w = e.getValue();
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(what + " weight must be > 0: " + e);
      }
      total += w;
    }
    TreeMap<String, Double> normalised = new TreeMap<>();
    for (var e : mix.entrySet()) {
      normalised.put(e.getKey(), e.getValue() / total);
    }
    return Collections.unmodifiableMap(normalised);
  }
}
