package io.alignstream.schemas.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadRecoveryTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final StreamThreadRecovery recovery = new StreamThreadRecovery(3, Duration.ofMinutes(10), now::get);
  private final Throwable outage = new StreamsException(new TimeoutException("Topic x not present in metadata after 60000 ms."));

  @Test
  void shouldReplaceAStreamThreadThatDiedInsteadOfShuttingTheClientDown() {
    assertThat(recovery.handle(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldShutTheClientDownWhenThreadsKeepDyingWithinTheWindow() {
    for (int i = 0; i < 3; i++) {
      assertThat(recovery.handle(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      now.addAndGet(1_000);
    }
    assertThat(recovery.handle(outage)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void shouldForgetReplacementsOlderThanTheWindow() {
    for (int i = 0; i < 3; i++) {
      recovery.handle(outage);
    }
    now.addAndGet(Duration.ofMinutes(10).toMillis());
    assertThat(recovery.handle(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
