package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MtGeneratorTest {

  private static MtGenerator generator(long seed, double alignment) {
    return new MtGenerator(MtParams.defaults().withSeed(seed).withAlignment(alignment));
  }

  /** Fraction of the content words in n pairs whose domain is one of the target's. */
  private static double targetVocabularyFraction(double alignment, int n) {
    Set<String> target = MtParams.defaults().targetMix().keySet();
    long inTarget = 0;
    long content = 0;
    for (Sample s : generator(11, alignment).stream(n).toList()) {
      for (String token : ((TextPair) s.getPayload()).getSrc().split(" ")) {
        var domain = MtLexicon.domainOf(token);
        if (domain.isPresent()) {
          content++;
          if (target.contains(domain.get())) {
            inTarget++;
          }
        }
      }
    }
    return (double) inTarget / content;
  }

  @Test
  void shouldProduceIdenticalSamplesAndIdsForTheSameSeed() {
    assertThat(GeneratedSamples.contents(generator(3, 0.5), 200))
        .isEqualTo(GeneratedSamples.contents(generator(3, 0.5), 200));
  }

  @Test
  void shouldProduceDifferentSamplesForDifferentSeeds() {
    var a = GeneratedSamples.ids(generator(3, 0.5), 200);
    var b = GeneratedSamples.ids(generator(4, 0.5), 200);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.stream().filter(b::contains).count()).isLessThan(100);
  }

  @Test
  void shouldGiveTheSameSampleWhetherReadByIndexOrByStreaming() {
    MtGenerator g = generator(5, 0.7);
    Sample streamed = g.stream().skip(1234).findFirst().orElseThrow();
    assertThat(GeneratedSamples.content(g.sample(1234))).isEqualTo(GeneratedSamples.content(streamed));
  }

  @Test
  void shouldTranslateDeterministicallySoTheTargetIsAFunctionOfTheSource() {
    Map<String, String> translation = new HashMap<>();
    for (double a : new double[] {0, 0.5, 1}) {
      for (long seed = 1; seed <= 3; seed++) {
        generator(seed, a).stream(5_000).forEach(s -> {
          TextPair p = (TextPair) s.getPayload();
          String previous = translation.putIfAbsent(p.getSrc(), p.getTgt());
          assertThat(previous == null || previous.equals(p.getTgt()))
              .as("%s → %s and → %s", p.getSrc(), previous, p.getTgt()).isTrue();
        });
      }
    }
    assertThat(translation.size()).as("distinct sources seen").isGreaterThan(10_000);
  }

  @Test
  void shouldUseOnlyTargetDomainVocabularyAtFullAlignment() {
    assertThat(targetVocabularyFraction(1.0, 3_000)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void shouldAvoidTargetDomainVocabularyAtZeroAlignment() {
    assertThat(targetVocabularyFraction(0.0, 3_000)).isLessThanOrEqualTo(0.1);
  }

  @Test
  void shouldLoseTargetVocabularyMonotonicallyAsTheKnobDecreases() {
    double[] knob = {1.0, 0.75, 0.5, 0.25, 0.0};
    double[] fraction = new double[knob.length];
    for (int i = 0; i < knob.length; i++) {
      fraction[i] = targetVocabularyFraction(knob[i], 4_000);
    }
    for (int i = 1; i < knob.length; i++) {
      assertThat(fraction[i]).as("fraction at a=%s", knob[i]).isLessThan(fraction[i - 1]);
      // The expected fraction is the knob itself (see MtParams).
      assertThat(fraction[i]).isCloseTo(knob[i], Offset.offset(0.05));
    }
  }

  @Test
  void shouldCarryPlaceholdersIntoTheTranslationAtRoughlyTheConfiguredRate() {
    var samples = new MtGenerator(MtParams.defaults().withPlaceholderRate(0.2)).stream(5_000).toList();
    long withPlaceholder = 0;
    for (Sample s : samples) {
      TextPair p = (TextPair) s.getPayload();
      boolean src = p.getSrc().contains("%s") || p.getSrc().contains("%d");
      assertThat(p.getTgt().split("%", -1).length).isEqualTo(p.getSrc().split("%", -1).length);
      if (src) {
        withPlaceholder++;
      }
    }
    assertThat(withPlaceholder / 5_000.0).isBetween(0.17, 0.23);
  }

  @Test
  void shouldRecordKnobSeedAndParametersInMetadataSourceDomainAndTime() {
    Instant base = Instant.parse("2024-06-01T00:00:00Z");
    MtParams params = MtParams.defaults().withSeed(9).withAlignment(0.25).withRole(Role.TARGET)
        .withTimeline(new Timeline(base, Duration.ofSeconds(2)));
    Sample s = new MtGenerator(params).sample(7);
    assertThat(s.getSource()).isEqualTo("generator:mt");
    assertThat(s.getDomain()).isEqualTo("synthetic-a0.25");
    assertThat(s.getTask()).isEqualTo("mt.en-fr");
    assertThat(s.getRole()).isEqualTo(Role.TARGET);
    assertThat(s.getEventTime()).isEqualTo(base.plusSeconds(14));
    assertThat(s.getMetadata()).containsEntry("gen.alignment", "0.25").containsEntry("gen.seed", "9")
        .containsEntry("gen.index", "7").containsEntry("gen.kind", "mt")
        .containsEntry("gen.targetMix", "db:0.4,ui:0.6").containsKeys("mt.topic", "mt.domains", "mt.template");
    TextPair p = (TextPair) s.getPayload();
    assertThat(p.getSrcLang()).isEqualTo("en");
    assertThat(p.getTgtLang()).isEqualTo("fr");
  }

  @Test
  void shouldRejectOverlappingTargetAndShiftedMixes() {
    assertThatThrownBy(() -> MtParams.defaults().withMixes(Map.of("ui", 1.0), Map.of("ui", 1.0, "geo", 1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disjoint");
    assertThatThrownBy(() -> MtParams.defaults().withMixes(Map.of("klingon", 1.0), Map.of("geo", 1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
  }
}
