package io.alignstream.scorer.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer as Hugging Face {@code tokenizers} defines it in a {@code
 * tokenizer.json} with a {@code BertNormalizer}, a {@code BertPreTokenizer} and a {@code WordPiece}
 * model:
 * <ol>
 *   <li>normalise: drop NUL, U+FFFD and control characters, turn every whitespace into a space, put
 *       spaces around CJK ideographs, strip accents (NFD, drop non-spacing marks) and lower-case;
 *   <li>split on whitespace, and make every punctuation character a word of its own;
 *   <li>each word: greedy longest-match-first pieces from the vocabulary, continuations prefixed
 *       {@code ##}; a word with an unmatched rest, or longer than 100 characters, is {@code [UNK]}.
 * </ol>
 * Encodings are {@code [CLS] a [SEP]} or {@code [CLS] a [SEP] b [SEP]} (token type 1 for b and its
 * {@code [SEP]}), truncated longest-first to a maximum length. Thread-safe.
 */
public final class WordPieceTokenizer {

  /** Token ids, token types and the number of tokens of one encoded text. */
  public record Encoding(int[] ids, int[] types) {
    public int length() {
      return ids.length;
    }
  }

  private final Map<String, Integer> vocab;
  private final String[] tokens;
  private final boolean lowercase;
  private final boolean stripAccents;
  private final int maxCharsPerWord;
  private final String prefix;
  private final int unk;
  private final int cls;
  private final int sep;
  private final int pad;
  private final int mask;

  private WordPieceTokenizer(Map<String, Integer> vocab, boolean lowercase, boolean stripAccents, int maxCharsPerWord,
      String prefix) {
    this.vocab = vocab;
    this.tokens = new String[vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
    vocab.forEach((t, id) -> tokens[id] = t);
    this.lowercase = lowercase;
    this.stripAccents = stripAccents;
    this.maxCharsPerWord = maxCharsPerWord;
    this.prefix = prefix;
    this.unk = id("[UNK]");
    this.cls = id("[CLS]");
    this.sep = id("[SEP]");
    this.pad = id("[PAD]");
    this.mask = id("[MASK]");
  }

  /**
   * Reads a Hugging Face {@code tokenizer.json}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not a BERT WordPiece tokenizer
   */
  public static WordPieceTokenizer read(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode model = root.path("model");
    if (!"WordPiece".equals(model.path("type").asText())) {
      throw new IllegalArgumentException("not a WordPiece tokenizer: model type '" + model.path("type").asText() + "'");
    }
    JsonNode normalizer = root.path("normalizer");
    if (!"BertNormalizer".equals(normalizer.path("type").asText())) {
      throw new IllegalArgumentException("unsupported normalizer '" + normalizer.path("type").asText() + "'");
    }
    Map<String, Integer> vocab = new HashMap<>();
    model.path("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    boolean lowercase = normalizer.path("lowercase").asBoolean(true);
    JsonNode strip = normalizer.path("strip_accents");
    boolean stripAccents = strip.isNull() || strip.isMissingNode() ? lowercase : strip.asBoolean();
    return new WordPieceTokenizer(vocab, lowercase, stripAccents, model.path("max_input_chars_per_word").asInt(100),
        model.path("continuing_subword_prefix").asText("##"));
  }

  public int vocabularySize() {
    return tokens.length;
  }

  public int padId() {
    return pad;
  }

  public int maskId() {
    return mask;
  }

  public int clsId() {
    return cls;
  }

  public int sepId() {
    return sep;
  }

  /** Whether the id is one of [PAD], [UNK], [CLS], [SEP], [MASK]. */
  public boolean isSpecial(int id) {
    return id == pad || id == unk || id == cls || id == sep || id == mask;
  }

  /** The vocabulary entry of an id (for diagnostics). */
  public String token(int id) {
    return tokens[id];
  }

  /** WordPiece ids of a text without special tokens or truncation. */
  public int[] pieces(String text) {
    List<Integer> out = new ArrayList<>();
    for (String word : words(normalize(text))) {
      wordPieces(word, out);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code [CLS] text [SEP]}, truncated to {@code maxLength} tokens in all. */
  public Encoding encode(String text, int maxLength) {
    return encode(text, null, maxLength);
  }

  /**
   * {@code [CLS] a [SEP]} or, with {@code b}, {@code [CLS] a [SEP] b [SEP]}; longest-first truncation
   * (one token at a time from the longer side, as Hugging Face's {@code LongestFirst}).
   */
  public Encoding encode(String a, String b, int maxLength) {
    int special = b == null ? 2 : 3;
    if (maxLength < special + 1) {
      throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for text");
    }
    int[] pa = pieces(a);
    int[] pb = b == null ? new int[0] : pieces(b);
    int la = pa.length;
    int lb = pb.length;
    while (la + lb > maxLength - special) {
      if (la > lb) {
        la--;
      } else {
        lb--;
      }
    }
    int n = la + lb + special;
    int[] ids = new int[n];
    int[] types = new int[n];
    int k = 0;
    ids[k++] = cls;
    for (int i = 0; i < la; i++) {
      ids[k++] = pa[i];
    }
    ids[k++] = sep;
    if (b != null) {
      for (int i = 0; i < lb; i++) {
        types[k] = 1;
        ids[k++] = pb[i];
      }
      types[k] = 1;
      ids[k++] = sep;
    }
    return new Encoding(ids, types);
  }

  // ---- normaliser ------------------------------------------------------------------------------

  String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(c -> {
      if (c == 0 || c == 0xFFFD || isControl(c)) {
        return;
      }
      if (isWhitespace(c)) {
        out.append(' ');
      } else if (isCjk(c)) {
        out.append(' ').appendCodePoint(c).append(' ');
      } else {
        out.appendCodePoint(c);
      }
    });
    String s = out.toString();
    if (stripAccents) {
      String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
      StringBuilder stripped = new StringBuilder(nfd.length());
      nfd.codePoints().filter(c -> !isMark(c)).forEach(stripped::appendCodePoint);
      s = stripped.toString();
    }
    return lowercase ? s.toLowerCase(java.util.Locale.ROOT) : s;
  }

  /** Whitespace-separated words with every punctuation character split off as its own word. */
  static List<String> words(String normalized) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    normalized.codePoints().forEach(c -> {
      if (isWhitespace(c)) {
        flush(current, words);
      } else if (isPunctuation(c)) {
        flush(current, words);
        words.add(new String(Character.toChars(c)));
      } else {
        current.appendCodePoint(c);
      }
    });
    flush(current, words);
    return words;
  }

  private static void flush(StringBuilder current, List<String> words) {
    if (current.length() > 0) {
      words.add(current.toString());
      current.setLength(0);
    }
  }

  private void wordPieces(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
      out.add(unk);
      return;
    }
    List<Integer> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer found = null;
      while (start < end) {
        String sub = word.substring(start, end);
        if (start > 0) {
          sub = prefix + sub;
        }
        found = vocab.get(sub);
        if (found != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        out.add(unk);
        return;
      }
      pieces.add(found);
      start = end;
    }
    out.addAll(pieces);
  }

  static boolean isWhitespace(int c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
        || type == Character.SURROGATE || type == Character.UNASSIGNED;
  }

  static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  /** Unicode category M (Mn, Mc, Me), as Hugging Face's accent stripping drops. */
  static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }

  private int id(String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("the vocabulary has no " + token);
    }
    return id;
  }
}
