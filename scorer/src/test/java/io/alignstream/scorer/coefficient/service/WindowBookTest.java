package io.alignstream.scorer.coefficient.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowBookTest {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  static ScoredSample scored(String id, String domain, Instant t, double value) {
    Sample s = Sample.newBuilder().setId(id).setTask("mt.en-fr").setRole(Role.POOL).setSource("file:a.po")
        .setDomain(domain).setEventTime(t).setIngestTime(t).setPayload(new TextPair("text " + id, "texte", "en", "fr"))
        .build();
    return new ScoredSample(s, List.of(new AlignmentScore("mt.en-fr/default", "dsir", "dsir-v", 3L, value, null)), t);
  }

  @Test
  void closesAWindowWhenStreamTimePassesItsEndPlusTheGrace() {
    WindowBook book = new WindowBook(Duration.ofMinutes(1), Duration.ofSeconds(10), 100);
    book.add(scored("a", "git", T0.plusSeconds(5), 1.0), 0, 10, 0);
    book.add(scored("b", "git", T0.plusSeconds(65), 1.0), 0, 11, 0);
    assertThat(book.closeDue(0)).isEmpty();
    book.add(scored("c", "git", T0.plusSeconds(71), 1.0), 0, 12, 0);
    List<WindowBook.Closed> closed = book.closeDue(0);
    assertThat(closed).hasSize(2).allSatisfy(c -> {
      assertThat(c.closedBy()).isEqualTo("stream-time");
      assertThat(c.window().key.start()).isEqualTo(T0.toEpochMilli());
    });
    assertThat(closed).extracting(c -> c.window().key.groupKind()).containsExactlyInAnyOrder("domain", "source");
  }

  @Test
  void closesAQuietWindowOnTheWallClockSoAnImportGetsItsWindow() {
    WindowBook book = new WindowBook(Duration.ofMinutes(1), Duration.ofSeconds(10), 100);
    for (int i = 0; i < 5; i++) {
      book.add(scored("s" + i, "git", T0, i), 0, i, 1_000); // every sample of a file has the file's time
    }
    assertThat(book.closeDue(10_999)).isEmpty();
    List<WindowBook.Closed> closed = book.closeDue(11_000);
    assertThat(closed).hasSize(2).allSatisfy(c -> assertThat(c.closedBy()).isEqualTo("wall-clock"));
    WindowBook.Window w = closed.get(0).window();
    assertThat(w.n).isEqualTo(5);
    WindowBook.ScoreStats stats = w.scores.get("mt.en-fr/default|dsir");
    assertThat(stats.n).isEqualTo(5);
    assertThat(stats.sum / stats.n).isCloseTo(2.0, within(1e-12));
    assertThat(stats.referenceVersion).isEqualTo(3);
    assertThat(w.payloads.snapshot()).hasSize(5);
  }

  @Test
  void holdsTheFirstOffsetOfEveryOpenWindowPerPartition() {
    WindowBook book = new WindowBook(Duration.ofMinutes(1), Duration.ofSeconds(10), 100);
    book.add(scored("a", "git", T0, 1), 0, 40, 0);
    book.add(scored("b", "git", T0, 1), 1, 7, 0);
    book.add(scored("c", "gtk", T0, 1), 0, 41, 0);
    assertThat(book.heldOffsets()).containsEntry(0, 40L).containsEntry(1, 7L);
    book.closeDue(60_000);
    assertThat(book.heldOffsets()).isEmpty();
  }

  @Test
  void keepsAUniformReservoirOfAtMostItsCapacity() {
    WindowBook book = new WindowBook(Duration.ofMinutes(1), Duration.ofSeconds(10), 8);
    for (int i = 0; i < 100; i++) {
      book.add(scored("s" + i, "git", T0, 0), 0, i, 0);
    }
    WindowBook.Window w = book.closeDue(60_000).get(0).window();
    assertThat(w.n).isEqualTo(100);
    assertThat(w.payloads.snapshot()).hasSize(8);
    assertThat(w.payloads.seen()).isEqualTo(100);
  }
}
