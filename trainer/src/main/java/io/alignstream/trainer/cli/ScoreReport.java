package io.alignstream.trainer.cli;

import io.alignstream.trainer.metrics.MtScore;
import io.alignstream.trainer.metrics.PyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders scores the way sacreBLEU's command line prints a single system: text lines
 * {@code NAME|signature = score [verbose]} aligned on the {@code =}, or sacreBLEU's {@code -f json}
 * objects (one object, or a list of them for several metrics).
 */
final class ScoreReport {
  private ScoreReport() {}

  /** One line per score, right-aligned on the {@code =} as sacreBLEU aligns several metrics. */
  static String text(List<MtScore> scores, int width) {
    List<String> lines = scores.stream().map(s -> s.format(width, true)).toList();
    if (lines.size() == 1) {
      return lines.get(0) + "\n";
    }
    int w = lines.stream().mapToInt(l -> l.indexOf('=') - 1).max().orElse(0);
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      int cut = line.indexOf('=') - 1;
      b.append(" ".repeat(w - cut)).append(line).append('\n');
    }
    return b.toString();
  }

  /** The bare scores, one per line (sacreBLEU's {@code --score-only}). */
  static String scoresOnly(List<MtScore> scores, int width) {
    StringBuilder b = new StringBuilder();
    scores.forEach(s -> b.append(PyText.fixed(s.score(), width)).append('\n'));
    return b.toString();
  }

  /** sacreBLEU's {@code json.dumps(d, indent=1)} of each score; a list when there are several. */
  static String json(List<MtScore> scores, int width) {
    List<String> objects = new ArrayList<>();
    for (MtScore s : scores) {
      List<Map.Entry<String, String>> fields = new ArrayList<>();
      fields.add(Map.entry("name", quote(s.name())));
      fields.add(Map.entry("score", PyText.roundedRepr(s.score(), width)));
      fields.add(Map.entry("signature", quote(s.signature().format())));
      if (!s.verbose().isEmpty()) {
        fields.add(Map.entry("verbose_score", quote(s.verbose())));
      }
      s.signature().entries().forEach(e -> fields.add(Map.entry(e.getKey(), quote(e.getValue()))));
      StringBuilder b = new StringBuilder("{\n");
      for (int i = 0; i < fields.size(); i++) {
        b.append(' ').append(quote(fields.get(i).getKey())).append(": ").append(fields.get(i).getValue());
        b.append(i + 1 < fields.size() ? ",\n" : "\n");
      }
      objects.add(b.append('}').toString());
    }
    String body = objects.size() == 1 ? objects.get(0) : "[\n" + String.join(",\n", objects) + "\n]";
    return body + "\n";
  }

  /** A JSON string literal, non-ASCII kept as is (Python's {@code ensure_ascii=False}). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
