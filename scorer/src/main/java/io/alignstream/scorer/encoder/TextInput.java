package io.alignstream.scorer.encoder;

import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;

/**
 * What the encoder reads of a text payload: a {@link Text}'s text, and of a {@link TextPair} its
 * source alone or, with {@code pair}, {@code [CLS] src [SEP] tgt [SEP]}. The source alone is the
 * default: all-MiniLM-L6-v2 is an English model (its vocabulary cuts French or Spanish into
 * sub-word fragments), and on the development targets (fr/es postgres, gnu-utils) the pair gave
 * the same separation at twice the cost.
 *
 * @param pair encode a pair's source and target together
 * @param maxTokens truncate to this many tokens, special tokens included (≤ 512)
 */
public record TextInput(boolean pair, int maxTokens) {

  public static final TextInput DEFAULT = new TextInput(false, 64);

  public TextInput {
    if (maxTokens < 4 || maxTokens > MiniLm.MAX_POSITIONS) {
      throw new IllegalArgumentException("maxTokens must be in [4, " + MiniLm.MAX_POSITIONS + "]: " + maxTokens);
    }
  }

  /**
   * @throws IllegalArgumentException for a payload that is not text
   */
  public WordPieceTokenizer.Encoding encode(WordPieceTokenizer tokenizer, Object payload) {
    if (payload instanceof TextPair p) {
      return pair ? tokenizer.encode(nonNull(p.getSrc()), nonNull(p.getTgt()), maxTokens)
          : tokenizer.encode(nonNull(p.getSrc()), maxTokens);
    }
    if (payload instanceof Text t) {
      return tokenizer.encode(nonNull(t.getText()), maxTokens);
    }
    throw new IllegalArgumentException("not a text payload: " + (payload == null ? "null" : payload.getClass().getSimpleName()));
  }

  /** Why the payload gives the encoder nothing to read, or null. */
  public String rejection(WordPieceTokenizer tokenizer, Object payload) {
    if (!(payload instanceof TextPair) && !(payload instanceof Text)) {
      return "not a text payload";
    }
    WordPieceTokenizer.Encoding e = encode(tokenizer, payload);
    return e.length() <= 2 ? "text has no word pieces" : null;
  }

  /** An id part naming this input choice, for probe ids. */
  public String id() {
    return (pair ? "pair" : "src") + maxTokens;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
