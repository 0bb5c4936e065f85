package io.alignstream.scorer.text;

import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;

/** The text a text method scores: a Text's text, or a TextPair's source and target joined. */
public final class ScoringText {
  private ScoringText() {}

  /** The text of a payload, or null when the payload has none (features, images). */
  public static String of(Object payload) {
    if (payload instanceof Text t) {
      return t.getText();
    }
    if (payload instanceof TextPair p) {
      return p.getSrc() + "\n" + p.getTgt();
    }
    return null;
  }
}
