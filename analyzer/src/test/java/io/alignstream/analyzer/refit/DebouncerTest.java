package io.alignstream.analyzer.refit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DebouncerTest {
  private final Debouncer<String> debouncer = new Debouncer<>(Duration.ofSeconds(2));

  @Test
  void shouldRefitAnIsolatedChangeAtOnce() {
    debouncer.touch("mt|f1", 10_000);

    assertThat(debouncer.nextDue().getAsLong()).isLessThanOrEqualTo(10_000);
    assertThat(debouncer.takeDue(10_000)).containsExactly("mt|f1");
    assertThat(debouncer.nextDue()).isEmpty();
  }

  @Test
  void shouldFoldChangesWithinTheIntervalIntoOneTrailingRefit() {
    debouncer.touch("mt|f1", 0);
    assertThat(debouncer.takeDue(0)).containsExactly("mt|f1");
    debouncer.finished("mt|f1");

    // three results inside the 2 s after the refit started
    debouncer.touch("mt|f1", 100);
    debouncer.touch("mt|f1", 900);
    debouncer.touch("mt|f1", 1_500);

    assertThat(debouncer.takeDue(1_999)).isEmpty();
    assertThat(debouncer.nextDue()).hasValue(2_000);
    assertThat(debouncer.takeDue(2_000)).containsExactly("mt|f1");
    debouncer.finished("mt|f1");
    assertThat(debouncer.takeDue(10_000)).isEmpty();
  }

  @Test
  void shouldNotStartASecondRefitOfAKeyWhileOneRuns() {
    debouncer.touch("mt|f1", 0);
    debouncer.takeDue(0);

    // a change arrives during a refit that takes longer than the interval
    debouncer.touch("mt|f1", 500);

    assertThat(debouncer.takeDue(5_000)).isEmpty();
    debouncer.finished("mt|f1");
    assertThat(debouncer.takeDue(5_000)).containsExactly("mt|f1");
  }

  @Test
  void shouldDebounceEachGroupIndependently() {
    debouncer.touch("mt|f1", 0);
    debouncer.takeDue(0);
    debouncer.finished("mt|f1");
    debouncer.touch("mt|f1", 300);

    debouncer.touch("solar|-", 300);

    assertThat(debouncer.takeDue(300)).containsExactly("solar|-");
    assertThat(debouncer.takeDue(2_000)).containsExactly("mt|f1");
  }
}
