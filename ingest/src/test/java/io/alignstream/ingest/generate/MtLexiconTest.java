package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.generate.MtLexicon.Domain;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MtLexiconTest {

  @Test
  void shouldOfferSixDomainsOfAFewDozenWordPairsEach() {
    assertThat(MtLexicon.domainNames()).containsExactly("ui", "db", "net", "geo", "cooking", "med");
    for (String name : MtLexicon.domainNames()) {
      Domain d = MtLexicon.domain(name);
      assertThat(d.nouns().size() + d.adjectives().size() + d.verbs().size()).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void shouldMapEveryEnglishContentWordToItsOwnDomainOnly() {
    Set<String> seen = new HashSet<>();
    for (String name : MtLexicon.domainNames()) {
      Domain d = MtLexicon.domain(name);
      d.nouns().forEach(n -> assertThat(seen.add(n.en())).as(n.en()).isTrue());
      d.adjectives().forEach(a -> assertThat(seen.add(a.en())).as(a.en()).isTrue());
      d.verbs().forEach(v -> assertThat(seen.add(v.en())).as(v.en()).isTrue());
      d.nouns().forEach(n -> assertThat(MtLexicon.domainOf(n.en())).contains(name));
    }
    assertThat(seen).doesNotContainAnyElementsOf(MtTemplates.FUNCTION_WORDS);
    assertThat(MtLexicon.domainOf("the")).isEmpty();
    assertThat(MtLexicon.domainOf("%s")).isEmpty();
  }

  @Test
  void shouldElideArticlesAndDeBeforeVowelsAndMuteH() {
    assertThat(new MtLexicon.Noun("address", "adresse", true).definite()).isEqualTo("l'adresse");
    assertThat(new MtLexicon.Noun("host", "hôte", false).ofDefinite()).isEqualTo("de l'hôte");
    assertThat(new MtLexicon.Noun("table", "table", true).ofDefinite()).isEqualTo("de la table");
    assertThat(new MtLexicon.Noun("file", "fichier", false).ofDefinite()).isEqualTo("du fichier");
    assertThat(new MtLexicon.Verb("open", "ouvrir").afterDe()).isEqualTo("d'ouvrir");
    assertThat(new MtLexicon.Verb("close", "fermer").afterDe()).isEqualTo("de fermer");
  }

  @Test
  void shouldPlaceFrenchAdjectivesAfterTheNounAndAgreeInGender() {
    MtTemplates.Template t = MtTemplates.PLAIN.get(3); // "{v} the {a} {n}"
    var window = new MtLexicon.Noun("window", "fenêtre", true);
    var hidden = new MtLexicon.Adjective("hidden", "caché", "cachée");
    var close = new MtLexicon.Verb("close", "fermer");
    assertThat(t.english(window, window, hidden, close)).isEqualTo("close the hidden window");
    assertThat(t.french(window, window, hidden, close)).isEqualTo("fermer la fenêtre cachée");
  }
}
