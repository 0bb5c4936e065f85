package io.alignstream.ingest.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata every generated sample carries, so a pool can be traced back to its knob and seed. */
final class GeneratorMetadata {
  private GeneratorMetadata() {}

  static Map<String, String> base(String kind, long seed, double alignment, long index) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("gen.kind", kind);
    m.put("gen.seed", Long.toString(seed));
    m.put("gen.index", Long.toString(index));
    m.put("gen.alignment", AlignmentKnob.format(alignment));
    return m;
  }

  static String source(String kind) {
    return "generator:" + kind;
  }

  static String num(double value) {
    return AlignmentKnob.format(value);
  }
}
