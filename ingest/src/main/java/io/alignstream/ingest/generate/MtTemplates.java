package io.alignstream.ingest.generate;

import io.alignstream.ingest.generate.MtLexicon.Adjective;
import io.alignstream.ingest.generate.MtLexicon.Noun;
import io.alignstream.ingest.generate.MtLexicon.Verb;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sentence templates of the MT generator, English and French side by side, in the terse style of UI
 * strings and log messages. Slots in English: {@code {n}}, {@code {n2}} nouns, {@code {a}} an
 * adjective (agreeing with {@code {n}} in French), {@code {v}} a verb; French adds article forms
 * ({@code {n.def}} = le fichier, {@code {n2.de}} = du fichier, {@code {v.de}} = d'ouvrir). French
 * adjectives follow the noun, which gives a small seq2seq model a reordering to learn. Each English
 * skeleton is unique, so the French side is a function of the English side.
 */
final class MtTemplates {
  private MtTemplates() {}

  record Template(String en, String fr) {
    boolean hasPlaceholder() {
      return en.contains("%");
    }

    boolean needs(String slot) {
      return en.contains("{" + slot + "}");
    }

    String english(Noun n, Noun n2, Adjective a, Verb v) {
      return en.replace("{n}", n.en()).replace("{n2}", n2.en()).replace("{a}", a.en()).replace("{v}", v.en());
    }

    String french(Noun n, Noun n2, Adjective a, Verb v) {
      return fr.replace("{n.def}", n.definite()).replace("{n2.de}", n2.ofDefinite()).replace("{n}", n.fr())
          .replace("{a}", a.agree(n)).replace("{v.de}", v.afterDe()).replace("{v}", v.fr());
    }
  }

  static final List<Template> PLAIN = List.of(
      new Template("the {n} is {a}", "{n.def} est {a}"),
      new Template("the {n} is not {a}", "{n.def} n'est pas {a}"),
      new Template("{v} the {n}", "{v} {n.def}"),
      new Template("{v} the {a} {n}", "{v} {n.def} {a}"),
      new Template("cannot {v} the {n}", "impossible {v.de} {n.def}"),
      new Template("the {n} of the {n2}", "{n.def} {n2.de}"),
      new Template("the {a} {n} of the {n2}", "{n.def} {a} {n2.de}"),
      new Template("do you want to {v} the {n} ?", "voulez-vous {v} {n.def} ?"),
      new Template("{n} not found", "{n} introuvable"),
      new Template("{v} the {n} of the {n2}", "{v} {n.def} {n2.de}"));

  /** Templates with printf placeholders, which real UI strings carry and a translator must copy. */
  static final List<Template> WITH_PLACEHOLDER = List.of(
      new Template("{v} the {n} %s", "{v} {n.def} %s"),
      new Template("cannot {v} the {n} %s", "impossible {v.de} {n.def} %s"),
      new Template("{n} %s not found", "{n} %s introuvable"),
      new Template("the {n} %s is {a}", "{n.def} %s est {a}"),
      new Template("{n} %d of %d", "{n} %d sur %d"));

  /** English tokens that belong to no domain: everything in the templates but the slots. */
  static final Set<String> FUNCTION_WORDS = functionWords();

  private static Set<String> functionWords() {
    Set<String> words = new HashSet<>();
    Stream.concat(PLAIN.stream(), WITH_PLACEHOLDER.stream())
        .flatMap(t -> Stream.of(t.en().split(" ")))
        .filter(w -> !w.startsWith("{"))
        .forEach(words::add);
    return Set.copyOf(words);
  }
}
