package io.alignstream.trainer.metrics;

import java.util.List;

/**
 * The example of sacreBLEU's README ("Using SacreBLEU from Python") and of its test/test_bleu.py
 * ({@code _hyps}, {@code _refs}): three hypotheses and two reference streams. sacreBLEU 2.x prints
 * {@code BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)} and
 * {@code chrF2 = 59.73} for it.
 */
public final class SacreBleuReadmeExample {
  private SacreBleuReadmeExample() {}

  public static final List<String> HYPOTHESES =
      List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");

  public static final List<List<String>> REFERENCES = List.of(
      List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
      List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
}
