package io.alignstream.schemas.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Kafka Streams service (ingest's solar join, scorer, curator) does when a stream thread dies:
 * it replaces the thread, which resumes from the last committed transaction (exactly once: nothing is
 * lost or repeated), instead of Kafka Streams' default of shutting the whole client down for good. The
 * case it is for: the broker away longer than a producer may block (60 s), so a send or commit fails
 * with a timeout; before, the client went to ERROR and the service stopped processing until someone
 * restarted it. A thread that keeps dying is a bug, not an outage: after {@code max-replacements} within
 * {@code replacement-window} the client shuts down (readiness DOWN, the reason in the log).
 *
 * <p>Quarkus hands a bean of this type to {@code KafkaStreams#setUncaughtExceptionHandler} before it
 * starts the client.
 */
@ApplicationScoped
public class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);

  private final int maxReplacements;
  private final Duration window;
  private final LongSupplier clock;
  private final Deque<Long> replacements = new ArrayDeque<>();

  @Inject
  public StreamThreadRecovery(
      @ConfigProperty(name = "alignstream.streams.max-thread-replacements", defaultValue = "10") int maxReplacements,
      @ConfigProperty(name = "alignstream.streams.replacement-window", defaultValue = "PT10M") Duration window) {
    this(maxReplacements, window, System::currentTimeMillis);
  }

  StreamThreadRecovery(int maxReplacements, Duration window, LongSupplier clock) {
    if (maxReplacements < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need max replacements ≥ 0 and a positive window");
    }
    this.maxReplacements = maxReplacements;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
    long now = clock.getAsLong();
    while (!replacements.isEmpty() && now - replacements.peekFirst() >= window.toMillis()) {
      replacements.pollFirst();
    }
    if (replacements.size() >= maxReplacements) {
      LOG.error("A stream thread died again ({} replacements within {}): shutting the Kafka Streams client down;"
          + " restart the service once the cause is fixed", replacements.size(), window, exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    replacements.addLast(now);
    LOG.warn("A stream thread died ({}); replacing it, it resumes from the last commit ({} of at most {} within {})",
        rootCause(exception), replacements.size(), maxReplacements, window, exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }
}
