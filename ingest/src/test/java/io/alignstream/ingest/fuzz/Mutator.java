package io.alignstream.ingest.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Mutations of valid inputs for fuzzing, on bytes, on text and on JSON trees: bit flips, interesting
 * bytes, truncation, cut and duplicated ranges, swapped ranges, inserted tokens (huge numbers, NaN,
 * Infinity, odd times, markers of missing values), deep nesting, long runs, invalid UTF-8, and for
 * JSON: fields deleted, swapped, duplicated or given values of the wrong type. Plain {@link Random}
 * based, so jqwik properties and the HTTP test (which runs under JUnit Jupiter) share them; sizes stay
 * bounded ({@link #MAX_BYTES}) so a try is cheap.
 */
public final class Mutator {
  /** Mutated inputs are cut to this size, so a try stays fast; size attacks are explicit examples. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tokens that break parsers: numbers beyond every type, non-numbers, odd times, missing markers. */
  static final String[] TOKENS = {
      "NaN", "-NaN", "Infinity", "-Infinity", "inf", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648",
      "-2147483649", "99999999999999999999999999999999999999", "0", "-0", "-1", "0x1F", "1_000", "1e", ".", "-",
      "1e2147483647", "1e-2147483648", "null", "true", "false", "\"\"", "[]", "{}", "[null]", "{\"\":null}",
      "\"Unk\"", "Unk", "MISSING", "\"MISSING\"", "nan", "\"NaN\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"",
      "\"\\udc00\\ud800\"", "\"\\uffff\"", "\"+999999999-12-31T23:59:59.999999999Z\"", "+999999999-12-31T23:59:59Z",
      "\"-999999999-01-01T00:00:00Z\"", "\"2026-02-30T25:61:61Z\"", "\"0000-00-00\"", "9999.99.99_99:99:99_TAI",
      "\"1900-01-01T00:00:00Z\"", "\"2199-12-31T23:59:59Z\"", "\"2200-01-01T00:00:00Z\"", "-62135596800000",
      "253402300800000", "\"mt.en-fr\"", "\"solar.flare24h\"", "\"stem.size\"", "\"lm.web\"", "\"TextPair\"",
      "\"Text\"", "\"Features\"", "\"Image\"", "\"TARGET\"", "\"POOL\"", "X99999999999.9", "M1.0", "\"M1.0@265\"",
      "\t", "\n", "\r\n", ",", ";", "\"", "\\", "\\\"", "'", "<html><title>502 Bad Gateway</title></html>", "#",
      "msgid", "msgstr", "msgstr[9999]", "msgid_plural", "#, fuzzy", "\"%s\"", "\u0000", "\u00ff", "\ufeff",
      "\u2028", "T_REC", "HARPNUM", "Timestamp", "label", "file"};

  /** Byte sequences that are not valid UTF-8 (overlong, surrogate, truncated, stray continuation, 0xff). */
  static final byte[][] BAD_UTF8 = {
      {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
      {(byte) 0x80}, {(byte) 0xff}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xc3}};

  private static final byte[] INTERESTING_BYTES = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, '"', '\\',
      '\n', '\r', '\t', ',', '{', '}', '[', ']', ':', '0', '9', '-', '.', 'e', ' ', '#', '<', 4};

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private Mutator() {}

  /** jqwik source of randomness: each try gets its own seeded {@link Random}. */
  public static Arbitrary<Random> randoms() {
    return Arbitraries.longs().map(Random::new);
  }

  // ---------------------------------------------------------------------------------------------
  // Bytes

  /** One to four stacked byte-level mutations of the seed. */
  public static byte[] mutate(byte[] seed, Random r) {
    byte[] out = seed;
    int rounds = 1 + r.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      out = mutateOnce(out, r);
      if (out.length > MAX_BYTES) {
        out = java.util.Arrays.copyOf(out, MAX_BYTES);
      }
    }
    return out;
  }

  private static byte[] mutateOnce(byte[] b, Random r) {
    int n = b.length;
    switch (r.nextInt(13)) {
      case 0: { // flip one bit
        if (n == 0) {
          return new byte[] {(byte) r.nextInt(256)};
        }
        byte[] c = b.clone();
        c[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
        return c;
      }
      case 1: { // an interesting byte
        if (n == 0) {
          return new byte[] {INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)]};
        }
        byte[] c = b.clone();
        c[r.nextInt(n)] = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
        return c;
      }
      case 2: // truncate
        return java.util.Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
      case 3: { // cut a range
        int[] range = range(n, r);
        return concat(slice(b, 0, range[0]), slice(b, range[1], n));
      }
      case 4: { // duplicate a range somewhere
        int[] range = range(n, r);
        int at = n == 0 ? 0 : r.nextInt(n + 1);
        return concat(slice(b, 0, at), slice(b, range[0], range[1]), slice(b, at, n));
      }
      case 5: { // swap two ranges
        if (n < 4) {
          return b;
        }
        int a = r.nextInt(n / 2);
        int aEnd = a + r.nextInt(Math.min(64, n / 2 - a) + 1);
        int c = n / 2 + r.nextInt(n - n / 2);
        int cEnd = c + r.nextInt(Math.min(64, n - c) + 1);
        return concat(slice(b, 0, a), slice(b, c, cEnd), slice(b, aEnd, c), slice(b, a, aEnd), slice(b, cEnd, n));
      }
      case 6: // insert a token
        return insert(b, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8), r);
      case 7: // insert invalid UTF-8
        return insert(b, BAD_UTF8[r.nextInt(BAD_UTF8.length)], r);
      case 8: // replace a number with a token
        return replaceNumber(new String(b, StandardCharsets.ISO_8859_1), r).getBytes(StandardCharsets.ISO_8859_1);
      case 9: { // a long run of one byte (deep nesting, long field, many separators)
        byte fill = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
        byte[] run = new byte[1 + r.nextInt(r.nextBoolean() ? 64 : 20_000)];
        java.util.Arrays.fill(run, fill);
        return insert(b, run, r);
      }
      case 10: { // nest deeply: [[[[...]]]] or {"a":{"a":...}}
        int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 3000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nest = open.repeat(depth) + "1" + close.repeat(r.nextInt(4) == 0 ? depth / 2 : depth);
        return insert(b, nest.getBytes(StandardCharsets.UTF_8), r);
      }
      case 11: { // overwrite 4 bytes with a big-endian or little-endian extreme integer
        if (n < 4) {
          return b;
        }
        byte[] c = b.clone();
        int at = r.nextInt(n - 3);
        int v = new int[] {0x7fffffff, 0x80000000, 0xffffffff, 0x40000000, 0x00010000, 100_000}[r.nextInt(6)];
        boolean big = r.nextBoolean();
        for (int k = 0; k < 4; k++) {
          c[at + k] = (byte) (big ? v >>> (24 - 8 * k) : v >>> (8 * k));
        }
        return c;
      }
      default: { // random junk
        byte[] junk = new byte[1 + r.nextInt(32)];
        r.nextBytes(junk);
        return insert(b, junk, r);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Text

  /** Mutates text through its UTF-8 bytes; the result may hold invalid UTF-8 (decoded with U+FFFD). */
  public static String mutateText(String seed, Random r) {
    return new String(mutate(seed.getBytes(StandardCharsets.UTF_8), r), StandardCharsets.UTF_8);
  }

  /** Mutates text by lines and cells: swap, duplicate, drop lines; swap, drop, add cells; tokens in cells. */
  public static String mutateRows(String seed, char separator, Random r) {
    List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
    int rounds = 1 + r.nextInt(3);
    for (int k = 0; k < rounds && !lines.isEmpty(); k++) {
      int i = r.nextInt(lines.size());
      switch (r.nextInt(6)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(r.nextInt(lines.size() + 1), lines.get(i));
        case 2 -> java.util.Collections.swap(lines, i, r.nextInt(lines.size()));
        default -> {
          List<String> cells = new ArrayList<>(List.of(lines.get(i).split(Pattern.quote(String.valueOf(separator)), -1)));
          int j = r.nextInt(cells.size());
          switch (r.nextInt(4)) {
            case 0 -> cells.set(j, TOKENS[r.nextInt(TOKENS.length)]);
            case 1 -> cells.remove(j);
            case 2 -> cells.add(j, cells.get(r.nextInt(cells.size())));
            default -> java.util.Collections.swap(cells, j, r.nextInt(cells.size()));
          }
          lines.set(i, String.join(String.valueOf(separator), cells));
        }
      }
    }
    return String.join("\n", lines);
  }

  // ---------------------------------------------------------------------------------------------
  // JSON

  /**
   * A mutation of a JSON document: a structural one on its tree (fields deleted, duplicated from
   * elsewhere, swapped, retyped, given extreme values; array items cut or repeated) or a byte-level
   * one on its text, so both "valid JSON, wrong content" and "broken JSON" come out.
   */
  public static String mutateJson(String json, Random r) {
    if (r.nextInt(3) == 0) {
      return mutateText(json, r);
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return mutateText(json, r);
    }
    if (root == null) {
      return mutateText(json, r);
    }
    int rounds = 1 + r.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      root = mutateTree(root, r);
    }
    String out = root.toString();
    return r.nextInt(4) == 0 ? mutateText(out, r) : out;
  }

  private static JsonNode mutateTree(JsonNode root, Random r) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return randomJson(r, 2);
    }
    JsonNode target = containers.get(r.nextInt(containers.size()));
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.isEmpty() ? "x" : names.get(r.nextInt(names.size()));
      switch (r.nextInt(6)) {
        case 0 -> o.remove(name);
        case 1 -> o.set(name, replacement(o.get(name), r));
        case 2 -> {
          if (names.size() > 1) {
            String other = names.get(r.nextInt(names.size()));
            JsonNode a = o.get(name);
            o.set(name, o.get(other));
            o.set(other, a);
          }
        }
        case 3 -> o.set(name + (r.nextBoolean() ? "" : "_"), containers.get(r.nextInt(containers.size())).deepCopy());
        case 4 -> o.set(name, JsonNodeFactory.instance.textNode(TOKENS[r.nextInt(TOKENS.length)]));
        default -> o.set(name, randomJson(r, 3));
      }
    } else if (target instanceof ArrayNode a) {
      int i = a.isEmpty() ? 0 : r.nextInt(a.size());
      switch (r.nextInt(5)) {
        case 0 -> {
          if (!a.isEmpty()) {
            a.remove(i);
          }
        }
        case 1 -> {
          if (!a.isEmpty()) {
            a.insert(i, a.get(i).deepCopy());
          }
        }
        case 2 -> {
          if (!a.isEmpty()) {
            a.set(i, replacement(a.get(i), r));
          }
        }
        case 3 -> {
          if (!a.isEmpty()) {
            JsonNode one = a.get(i);
            for (int k = r.nextInt(200); k > 0; k--) {
              a.add(one.deepCopy());
            }
          }
        }
        default -> a.insert(i, randomJson(r, 2));
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  /** A value of another type or an extreme value of the same type. */
  private static JsonNode replacement(JsonNode old, Random r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (r.nextInt(12)) {
      case 0:
        return f.nullNode();
      case 1:
        return f.numberNode(new BigInteger("9".repeat(1 + r.nextInt(400))));
      case 2:
        return f.numberNode(new BigDecimal("1e" + (r.nextBoolean() ? "" : "-") + r.nextInt(100_000)));
      case 3:
        return f.numberNode(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0,
            4097, 65536, 253402300800000L, -62135596800001L}[r.nextInt(10)]);
      case 4:
        return f.numberNode(new double[] {Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1e308, 0.5, -1.5}[r.nextInt(6)]);
      case 5:
        return f.textNode(old == null ? "" : old.asText() + old.asText());
      case 6:
        return f.textNode("x".repeat(r.nextInt(200_001)));
      case 7:
        return f.booleanNode(r.nextBoolean());
      case 8: {
        ArrayNode a = f.arrayNode();
        if (old != null) {
          a.add(old.deepCopy());
        }
        return a;
      }
      case 9:
        return old != null && old.isArray() && old.size() > 0 ? old.get(0).deepCopy() : f.objectNode();
      case 10:
        return f.textNode(new String(new char[] {(char) (0xd800 + r.nextInt(0x800))}));
      default:
        return f.textNode(TOKENS[r.nextInt(TOKENS.length)]);
    }
  }

  /** A random JSON value up to the depth. */
  public static JsonNode randomJson(Random r, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int kind = depth <= 0 ? r.nextInt(5) : r.nextInt(7);
    switch (kind) {
      case 0:
        return f.nullNode();
      case 1:
        return f.booleanNode(r.nextBoolean());
      case 2:
        return r.nextBoolean() ? f.numberNode(r.nextLong()) : f.numberNode(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
      case 3:
        return f.textNode(randomString(r));
      case 4:
        return f.textNode(TOKENS[r.nextInt(TOKENS.length)]);
      case 5: {
        ArrayNode a = f.arrayNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          a.add(randomJson(r, depth - 1));
        }
        return a;
      }
      default: {
        ObjectNode o = f.objectNode();
        String[] keys = {"task", "role", "source", "domain", "eventTime", "payload", "type", "src", "tgt", "srcLang",
            "tgtLang", "text", "names", "values", "label", "width", "height", "bitsPerPixel", "pixels",
            "pixelSizeAngstrom", "metadata", "id", "targetId", "x", ""};
        for (int i = r.nextInt(6); i > 0; i--) {
          o.set(keys[r.nextInt(keys.length)], randomJson(r, depth - 1));
        }
        return o;
      }
    }
  }

  /** A short string of mixed scripts, controls and surrogates. */
  public static String randomString(Random r) {
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(20); i > 0; i--) {
      switch (r.nextInt(5)) {
        case 0 -> s.append((char) ('a' + r.nextInt(26)));
        case 1 -> s.append((char) r.nextInt(0x20));
        case 2 -> s.append((char) (0xd800 + r.nextInt(0x800)));
        case 3 -> s.appendCodePoint(0x80 + r.nextInt(0x10000 - 0x80 - 0x800));
        default -> s.append(' ');
      }
    }
    return s.toString();
  }

  private static String replaceNumber(String text, Random r) {
    Matcher m = NUMBER.matcher(text);
    List<int[]> found = new ArrayList<>();
    while (m.find() && found.size() < 1000) {
      found.add(new int[] {m.start(), m.end()});
    }
    if (found.isEmpty()) {
      return text;
    }
    int[] at = found.get(r.nextInt(found.size()));
    return text.substring(0, at[0]) + TOKENS[r.nextInt(TOKENS.length)] + text.substring(at[1]);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static int[] range(int n, Random r) {
    if (n == 0) {
      return new int[] {0, 0};
    }
    int from = r.nextInt(n);
    int to = Math.min(n, from + 1 + r.nextInt(r.nextBoolean() ? 16 : Math.max(1, n / 2)));
    return new int[] {from, to};
  }

  private static byte[] insert(byte[] b, byte[] piece, Random r) {
    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
    return concat(slice(b, 0, at), piece, slice(b, at, b.length));
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, Math.max(from, to));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  /** Shows an input in a failure message: text as is (shortened), with its size. */
  public static String show(String input) {
    if (input == null) {
      return "null";
    }
    String cut = input.length() > 2000 ? input.substring(0, 2000) + "… (" + input.length() + " chars)" : input;
    StringBuilder out = new StringBuilder();
    for (char c : cut.toCharArray()) {
      if (c < 0x20 && c != '\n' || c == 0x7f || Character.isSurrogate(c) || c == '\ufeff' || c == '\u2028') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Shows bytes in a failure message as Base64 (shortened). */
  public static String show(byte[] input) {
    String b64 = java.util.Base64.getEncoder().encodeToString(input);
    return input.length + " bytes, base64 " + (b64.length() > 2000 ? b64.substring(0, 2000) + "…" : b64);
  }

}
