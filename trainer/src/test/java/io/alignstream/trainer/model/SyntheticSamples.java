package io.alignstream.trainer.model;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small synthetic data sets with a known answer, one per model family, deterministic in the seed.
 */
public final class SyntheticSamples {

  /** A word-substitution "language": English word → invented word; adjectives follow the noun. */
  static final Map<String, String> DETERMINERS = Map.of("the", "lo", "a", "un", "every", "cadu", "my", "mi");
  static final Map<String, String> NOUNS = Map.ofEntries(Map.entry("cat", "miu"), Map.entry("dog", "vovo"),
      Map.entry("bird", "pipi"), Map.entry("fish", "glub"), Map.entry("man", "homo"), Map.entry("woman", "femi"),
      Map.entry("child", "kido"), Map.entry("house", "domu"), Map.entry("tree", "arbu"), Map.entry("car", "voturo"),
      Map.entry("river", "fluvo"), Map.entry("book", "libru"));
  static final Map<String, String> ADJECTIVES = Map.of("big", "grandi", "small", "piki", "old", "vetu", "green",
      "verdi", "happy", "felizi", "red", "rubi");
  static final Map<String, String> VERBS = Map.of("sees", "vidas", "eats", "manjas", "likes", "amas", "finds",
      "trovas", "has", "havas", "follows", "sekvas");

  private SyntheticSamples() {}

  public static Sample sample(String id, String task, Object payload) {
    return Sample.newBuilder()
        .setId(id)
        .setTask(task)
        .setRole(Role.POOL)
        .setSource("synthetic")
        .setEventTime(Instant.EPOCH)
        .setIngestTime(Instant.EPOCH)
        .setPayload(payload)
        .build();
  }

  /**
   * Sentences {@code det [adj] noun verb det [adj] noun} and their word-by-word translation with
   * each adjective moved after its noun.
   */
  public static List<Sample> translationPairs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> src = new ArrayList<>();
      List<String> tgt = new ArrayList<>();
      phrase(r, src, tgt);
      String verb = pick(r, VERBS.keySet());
      src.add(verb);
      tgt.add(VERBS.get(verb));
      phrase(r, src, tgt);
      TextPair p = new TextPair(String.join(" ", src), String.join(" ", tgt), "en", "xx");
      out.add(sample("mt-" + seed + "-" + i, "mt.en-xx", p));
    }
    return out;
  }

  private static void phrase(SplittableRandom r, List<String> src, List<String> tgt) {
    String det = pick(r, DETERMINERS.keySet());
    String noun = pick(r, NOUNS.keySet());
    String adj = r.nextBoolean() ? pick(r, ADJECTIVES.keySet()) : null;
    src.add(det);
    tgt.add(DETERMINERS.get(det));
    if (adj != null) {
      src.add(adj);
    }
    src.add(noun);
    tgt.add(NOUNS.get(noun));
    if (adj != null) {
      tgt.add(ADJECTIVES.get(adj));
    }
  }

  private static String pick(SplittableRandom r, java.util.Set<String> words) {
    List<String> sorted = words.stream().sorted().toList();
    return sorted.get(r.nextInt(sorted.size()));
  }

  /** SHARP-like names used by {@link #flareFeatures}. */
  public static final List<String> FEATURE_NAMES = List.of("USFLUX", "TOTUSJH", "TOTPOT", "MEANSHR", "R_VALUE",
      "AREA_ACR");

  /**
   * Log-normal positive features whose log scale is shifted up by 1.5 σ for flaring samples
   * (probability {@code positiveRate}), so a classifier on log features separates them well.
   */
  public static List<Sample> flareFeatures(int n, long seed, double positiveRate) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean flare = r.nextDouble() < positiveRate;
      List<Double> values = new ArrayList<>();
      for (int j = 0; j < FEATURE_NAMES.size(); j++) {
        double scale = Math.pow(10, j + 1);
        double z = r.nextGaussian() + (flare && j % 2 == 0 ? 1.5 : 0);
        values.add(scale * Math.exp(0.8 * z));
      }
      Features f = new Features(FEATURE_NAMES, values, flare ? 1.0 : 0.0);
      out.add(sample("solar-" + seed + "-" + i, "solar.flare24h", f));
    }
    return out;
  }

  /**
   * 16-bit {@code size×size} images of one bright disk of random diameter (4–24 px) at a random
   * offset from the centre, on a noisy background; label = diameter × pixel size in Ångström.
   */
  public static List<Sample> diskImages(int n, long seed, int size, double pixelSizeAngstrom) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double diameter = 4 + r.nextDouble() * 20;
      double cx = size / 2.0 + (r.nextDouble() - 0.5) * 6;
      double cy = size / 2.0 + (r.nextDouble() - 0.5) * 6;
      double brightness = 20000 + r.nextDouble() * 20000;
      ByteBuffer px = ByteBuffer.allocate(size * size * 2);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
          double v = 3000 + r.nextGaussian() * 800 + (d <= diameter / 2 ? brightness : 0);
          int q = (int) Math.max(0, Math.min(65535, Math.round(v)));
          px.putShort((short) q);
        }
      }
      px.flip();
      Image im = Image.newBuilder().setWidth(size).setHeight(size).setBitsPerPixel(16).setPixels(px)
          .setPixelSizeAngstrom(pixelSizeAngstrom).setLabel(diameter * pixelSizeAngstrom).build();
      out.add(sample("stem-" + seed + "-" + i, "stem.size", im));
    }
    return out;
  }
}
