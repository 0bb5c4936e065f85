package io.alignstream.scorer.coefficient.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.dataset.DatasetAlignment;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import io.alignstream.scorer.coefficient.DsirMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoefficientComputerTest {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  static final CoefficientSettings SETTINGS = new CoefficientSettings(new AlignmentCoefficient.Settings(8, 3, 1),
      Duration.ofMinutes(1), Duration.ofSeconds(10), 100, 100, 4, true, true);

  static List<Object> texts(String stem, int n) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new TextPair(stem + " number " + i, "fr " + i, "en", "fr"));
    }
    return out;
  }

  static WindowBook.Closed window(List<Object> payloads) {
    WindowBook book = new WindowBook(Duration.ofMinutes(1), Duration.ofSeconds(10), 100);
    int i = 0;
    for (Object p : payloads) {
      Sample s = Sample.newBuilder().setId("s" + i).setTask("mt.en-fr").setRole(Role.POOL).setSource("src")
          .setDomain("d").setEventTime(T0).setIngestTime(T0).setPayload(p).build();
      book.add(new ScoredSample(s, List.of(new AlignmentScore("mt.en-fr/default", "gzip", "gzip-ncd-32", 1L, 0.5, null)),
          T0), 0, i++, 0);
    }
    return book.closeDue(60_000).stream().filter(c -> c.window().key.groupKind().equals("domain")).findFirst().orElseThrow();
  }

  @Test
  void givesAWindowOfAtLeastOneBatchItsCoefficientPerTargetAndMethod() {
    List<Object> pool = texts("could not connect to the database server", 20);
    try (CoefficientComputer c = new CoefficientComputer(SETTINGS, Path.of("target", "probes"))) {
      List<AlignmentWindow> out = c.window(window(pool),
          List.of(new CoefficientComputer.TargetSample("mt.en-fr/default", 20, texts("the database server failed", 20))),
          Set.of("dsir", "gzip"), DsirMethod.counts(pool));
      assertThat(out).hasSize(2).allSatisfy(w -> {
        assertThat(w.getStatus()).isEqualTo("OK");
        assertThat(w.getCoefficient()).isNotNull();
        assertThat(w.getCi()).isNotNull();
        assertThat(w.getBatches()).isEqualTo(3);
        assertThat(w.getBatchSize()).isEqualTo(8);
        assertThat(w.getN()).isEqualTo(20);
        assertThat(w.getClosedBy()).isEqualTo("wall-clock");
      });
      assertThat(out).filteredOn(w -> w.getMethod().equals("gzip")).singleElement()
          .satisfies(w -> assertThat(w.getMeanScore()).isEqualTo(0.5));
    }
  }

  @Test
  void saysAWindowSmallerThanOneBatchIsTooSmallAndKeepsItsPerSampleMean() {
    List<Object> pool = texts("a short window", 5);
    try (CoefficientComputer c = new CoefficientComputer(SETTINGS, Path.of("target", "probes"))) {
      AlignmentWindow w = c.window(window(pool),
          List.of(new CoefficientComputer.TargetSample("mt.en-fr/default", 20, texts("targets", 20))), Set.of("gzip"),
          DsirMethod.counts(pool)).get(0);
      assertThat(w.getStatus()).isEqualTo("TOO_SMALL");
      assertThat(w.getCoefficient()).isNull();
      assertThat(w.getMessage()).contains("5 usable samples");
      assertThat(w.getMeanScore()).isEqualTo(0.5);
    }
  }

  @Test
  void saysNoMethodForFeaturePayloadsAndKeepsTheMeans() {
    List<Object> pool = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pool.add(new Features(List.of("a"), List.of((double) i), null));
    }
    try (CoefficientComputer c = new CoefficientComputer(SETTINGS, Path.of("target", "probes"))) {
      List<AlignmentWindow> out = c.window(window(pool),
          List.of(new CoefficientComputer.TargetSample("mt.en-fr/default", 10, pool)), Set.of("gzip"), null);
      assertThat(out).singleElement().satisfies(w -> {
        assertThat(w.getStatus()).isEqualTo("NO_METHOD");
        assertThat(w.getMeanScore()).isEqualTo(0.5);
      });
    }
  }

  @Test
  void givesADatasetItsCoefficientAgainstItsTarget() {
    DatasetManifest m = DatasetManifest.newBuilder().setDatasetId("ds").setTask("mt.en-fr").setTopic("curated-ds")
        .setFamily("fam").setPolicy(new PolicySpec("threshold", Map.of())).setSize(20).setSealed(true)
        .setUpdatedTime(T0).build();
    try (CoefficientComputer c = new CoefficientComputer(SETTINGS, Path.of("target", "probes"))) {
      List<DatasetAlignment> out = c.dataset(m, new CoefficientComputer.TargetSample("mt.en-fr/default", 20,
          texts("the database server failed", 20)), texts("could not connect to the database", 20), Set.of("dsir", "gzip"));
      assertThat(out).hasSize(2).allSatisfy(a -> {
        assertThat(a.getStatus()).isEqualTo("OK");
        assertThat(a.getCoefficient()).isNotNull();
        assertThat(a.getPairValues()).hasSize(3);
        assertThat(a.getDatasetSize()).isEqualTo(20);
        assertThat(a.getSealed()).isTrue();
        assertThat(a.getFamily()).isEqualTo("fam");
      });
    }
  }
}
