package io.alignstream.curator.policy;

import io.alignstream.curator.algo.FamilyGrid;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a declared {@link CurationPolicy} into a {@link Policy}, collecting every problem:
 * unknown kind or parameter, values out of range, dataset ids that cannot name a topic.
 *
 * <pre>
 * kind        parameters (defaults)
 * threshold   tau
 * top-q       q in (0,1], warmup (100), sketch-k (200)
 * importance  k, window (arrivals per draw), temperature (1.0), seed (0)
 * random      rate in (0,1] (1.0), match (dataset id, optional), seed (0)
 * family      buckets (4) or boundaries (a,b,c), sizes (n1,n2,..) or min-size and max-size (powers of two),
 *             layout (nested|disjoint), warmup (200), controls (false), control-rate (1.0), seed (0)
 * all         none
 * rules       max-noaa-num, require-flaring-history (false), dedup (none|exact|near),
 *             near-threshold (0.8), near-bands (20), near-rows (5), shingle (5)
 * </pre>
 */
public final class PolicyParser {
  public static final Set<String> METHODS = Set.of("task2vec", "dsir", "gzip");
  private static final Map<String, Set<String>> PARAMETERS = Map.of(
      "threshold", Set.of("tau"),
      "top-q", Set.of("q", "warmup", "sketch-k"),
      "importance", Set.of("k", "window", "temperature", "seed"),
      "random", Set.of("rate", "match", "seed"),
      "family", Set.of("buckets", "boundaries", "sizes", "min-size", "max-size", "layout", "warmup", "controls",
          "control-rate", "seed"),
      "all", Set.of());
  private static final Set<String> RULES = Set.of("max-noaa-num", "require-flaring-history", "dedup", "near-threshold",
      "near-bands", "near-rows", "shingle");

  private PolicyParser() {}

  public static Policy parse(CurationPolicy declared) throws InvalidPolicyException {
    Reader r = new Reader();
    String id = declared.getDatasetId();
    if (!TopicCatalogue.isValidDatasetId(id)) {
      r.problems.add("dataset id '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (at most 200)");
    }
    if (declared.getTask() == null || declared.getTask().isBlank()) {
      r.problems.add("task is required");
    }
    String kind = declared.getPolicy().getKind().toLowerCase(Locale.ROOT);
    Map<String, String> p = declared.getPolicy().getParameters();
    Set<String> allowed = PARAMETERS.get(kind);
    if (allowed == null) {
      r.problems.add("unknown kind '" + kind + "' (threshold, top-q, importance, random, family, all)");
      throw new InvalidPolicyException(id, r.problems);
    }
    p.keySet().stream().filter(k -> !allowed.contains(k)).sorted()
        .forEach(k -> r.problems.add("unknown parameter '" + k + "' for kind " + kind + " (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")"));
    Policy.Selection selection = switch (kind) {
      case "threshold" -> new Policy.Threshold(r.real(p, "tau", null, -Double.MAX_VALUE, Double.MAX_VALUE));
      case "top-q" -> new Policy.TopQ(r.real(p, "q", null, Double.MIN_VALUE, 1), r.integer(p, "warmup", 100, 0),
          r.integer(p, "sketch-k", 200, 8));
      case "importance" -> new Policy.Importance(r.integer(p, "k", null, 1), r.integer(p, "window", null, 1),
          r.real(p, "temperature", 1.0, Double.MIN_VALUE, Double.MAX_VALUE), r.longValue(p, "seed", 0));
      case "random" -> new Policy.RandomControl(r.real(p, "rate", 1.0, Double.MIN_VALUE, 1), p.get("match"),
          r.longValue(p, "seed", 0));
      case "family" -> family(r, p, id);
      default -> new Policy.All();
    };
    if (selection instanceof Policy.Importance imp && imp.k() > imp.window()) {
      r.problems.add("k (" + imp.k() + ") must not exceed window (" + imp.window() + ")");
    }
    if (selection instanceof Policy.RandomControl rc && rc.match() != null && !TopicCatalogue.isValidDatasetId(rc.match())) {
      r.problems.add("match '" + rc.match() + "' is not a dataset id");
    }
    String method = declared.getMethod();
    if (selection.needsScore() && (method == null || !METHODS.contains(method))) {
      r.problems.add("method must be one of " + METHODS.stream().sorted().toList() + " for kind " + kind
          + (method == null ? "" : ", not '" + method + "'"));
    }
    Long sizeLimit = declared.getSizeLimit();
    if (sizeLimit != null && sizeLimit < 1) {
      r.problems.add("sizeLimit must be at least 1, not " + sizeLimit);
    }
    if (selection instanceof Policy.Family && sizeLimit != null) {
      r.problems.add("a family's members seal at their sizes: give sizes, not sizeLimit");
    }
    Policy.Rules rules = rules(r, declared.getRules());
    if ((long) rules.bands() * rules.rows() > 4096) {
      r.problems.add("near-bands x near-rows must be at most 4096");
    }
    if (r.problems.isEmpty() && selection instanceof Policy.Family f) {
      f.memberIds(id).stream().filter(m -> !TopicCatalogue.isValidDatasetId(m)).findFirst()
          .ifPresent(m -> r.problems.add("member id '" + m + "' is too long or invalid"));
    }
    if (!r.problems.isEmpty()) {
      throw new InvalidPolicyException(id, r.problems);
    }
    return new Policy(id, declared.getTask(), declared.getTargetId(), method, sizeLimit, rules, selection, declared);
  }

  private static Policy.Family family(Reader r, Map<String, String> p, String id) {
    double[] boundaries = null;
    int buckets;
    if (p.containsKey("boundaries")) {
      boundaries = r.reals(p, "boundaries");
      buckets = boundaries == null ? 1 : boundaries.length + 1;
      if (p.containsKey("buckets") && boundaries != null && r.integer(p, "buckets", null, 2) != buckets) {
        r.problems.add("buckets must equal the number of boundaries + 1");
      }
    } else {
      buckets = r.integer(p, "buckets", 4, 2);
    }
    long[] sizes;
    if (p.containsKey("sizes")) {
      double[] s = r.reals(p, "sizes");
      sizes = s == null ? new long[] {1} : Arrays.stream(s).mapToLong(v -> (long) v).toArray();
      if (Arrays.stream(sizes).anyMatch(v -> v < 1) || new HashSet<>(Arrays.stream(sizes).boxed().toList()).size() != sizes.length) {
        r.problems.add("sizes must be distinct and at least 1");
      }
      Arrays.sort(sizes);
    } else {
      long min = r.longValue(p, "min-size", 64);
      long max = r.longValue(p, "max-size", 4096);
      if (min < 1 || max < min) {
        r.problems.add("need 1 <= min-size <= max-size");
        sizes = new long[] {1};
      } else {
        sizes = FamilyGrid.powersOfTwo(min, max);
      }
    }
    String layoutName = p.getOrDefault("layout", "nested").toUpperCase(Locale.ROOT);
    FamilyGrid.Layout layout = FamilyGrid.Layout.NESTED;
    try {
      layout = FamilyGrid.Layout.valueOf(layoutName);
    } catch (IllegalArgumentException e) {
      r.problems.add("layout must be nested or disjoint, not '" + p.get("layout") + "'");
    }
    return new Policy.Family(buckets, boundaries, sizes, layout, r.integer(p, "warmup", 200, 0),
        r.bool(p, "controls", false), r.real(p, "control-rate", 1.0, Double.MIN_VALUE, 1), r.longValue(p, "seed", 0));
  }

  private static Policy.Rules rules(Reader r, Map<String, String> rules) {
    rules.keySet().stream().filter(k -> !RULES.contains(k)).sorted()
        .forEach(k -> r.problems.add("unknown rule '" + k + "' (allowed: " + String.join(", ", RULES.stream().sorted().toList()) + ")"));
    Policy.Dedup dedup = Policy.Dedup.NONE;
    try {
      dedup = Policy.Dedup.valueOf(rules.getOrDefault("dedup", "none").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      r.problems.add("dedup must be none, exact or near, not '" + rules.get("dedup") + "'");
    }
    Integer maxNoaa = rules.containsKey("max-noaa-num") ? r.integer(rules, "max-noaa-num", null, 0) : null;
    return new Policy.Rules(maxNoaa, r.bool(rules, "require-flaring-history", false), dedup,
        r.real(rules, "near-threshold", 0.8, Double.MIN_VALUE, 1), r.integer(rules, "near-bands", 20, 1),
        r.integer(rules, "near-rows", 5, 1), r.integer(rules, "shingle", 5, 1));
  }

  /** Reads typed values, recording a problem (and returning a harmless value) when one is bad. */
  private static final class Reader {
    final List<String> problems = new ArrayList<>();

    double real(Map<String, String> p, String name, Double dflt, double min, double max) {
      String v = p.get(name);
      if (v == null) {
        if (dflt == null) {
          problems.add("parameter '" + name + "' is required");
          return min;
        }
        return dflt;
      }
      try {
        double d = Double.parseDouble(v.trim());
        if (!(d >= min && d <= max)) {
          problems.add("'" + name + "' = " + v + " is out of range" + (min == Double.MIN_VALUE ? " (must be > 0" : " (must be >= " + min)
              + (max == Double.MAX_VALUE ? ")" : " and <= " + max + ")"));
        }
        return d;
      } catch (NumberFormatException e) {
        problems.add("'" + name + "' = '" + v + "' is not a number");
        return min;
      }
    }

    int integer(Map<String, String> p, String name, Integer dflt, int min) {
      String v = p.get(name);
      if (v == null) {
        if (dflt == null) {
          problems.add("parameter '" + name + "' is required");
          return min;
        }
        return dflt;
      }
      try {
        int i = Integer.parseInt(v.trim());
        if (i < min) {
          problems.add("'" + name + "' = " + v + " must be at least " + min);
        }
        return i;
      } catch (NumberFormatException e) {
        problems.add("'" + name + "' = '" + v + "' is not an integer");
        return min;
      }
    }

    long longValue(Map<String, String> p, String name, long dflt) {
      String v = p.get(name);
      try {
        return v == null ? dflt : Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        problems.add("'" + name + "' = '" + v + "' is not an integer");
        return dflt;
      }
    }

    boolean bool(Map<String, String> p, String name, boolean dflt) {
      String v = p.get(name);
      if (v == null) {
        return dflt;
      }
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        problems.add("'" + name + "' must be true or false, not '" + v + "'");
        return dflt;
      }
      return Boolean.parseBoolean(v);
    }

    double[] reals(Map<String, String> p, String name) {
      try {
        double[] values = Arrays.stream(p.get(name).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        for (int i = 1; i < values.length; i++) {
          if (!(values[i] > values[i - 1])) {
            problems.add("'" + name + "' must be strictly increasing");
            return null;
          }
        }
        return values;
      } catch (NumberFormatException e) {
        problems.add("'" + name + "' must be a comma-separated list of numbers, not '" + p.get(name) + "'");
        return null;
      }
    }
  }
}
