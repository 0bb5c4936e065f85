package io.alignstream.analyzer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.analyzer.engine.AnalyzerListener;
import io.alignstream.analyzer.engine.RefitStats;
import io.alignstream.analyzer.health.HealthSummary;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.quarkus.websockets.next.OpenConnections;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Flow;
import org.jboss.logging.Logger;

/**
 * Fans the engine's changes out to every live client: SSE subscribers of {@code /api/stream} and
 * WebSocket connections of {@code /api/ws}, as {@link Views.LiveEvent}s. Records read during the
 * start-up replay are not pushed (clients load the state over REST).
 *
 * <p>Each SSE subscriber has its own buffer of {@value #SSE_BUFFER} events: a burst (the refits of every
 * group after the replay, a family of datasets evaluated at once) waits there while the connection
 * writes, so a client that keeps up sees every event in order. A client that falls further behind than
 * the buffer holds is not served a stream with holes: its stream ends, and it reconnects and reloads the
 * state over REST (the dashboard does both). Nobody waits for a slow client.
 */
@ApplicationScoped
public class LiveHub implements AnalyzerListener {
  private static final Logger LOG = Logger.getLogger(LiveHub.class);
  /** Events an SSE subscriber may fall behind before its stream ends. */
  static final int SSE_BUFFER = 4096;

  private final BroadcastProcessor<Views.LiveEvent> broadcast = BroadcastProcessor.create();
  private final Flow.Processor<Views.LiveEvent, Views.LiveEvent> serialized = broadcast.serialized();

  @Inject
  OpenConnections sockets;

  /** Events sent to each WebSocket and not yet written out, by connection id. */
  private final Map<String, AtomicInteger> unsent = new ConcurrentHashMap<>();
  private volatile int socketBuffer = SSE_BUFFER;

  /** Events a WebSocket may have queued before it is closed (tests make it small). */
  void socketBuffer(int events) {
    socketBuffer = events;
  }

  @Inject
  ObjectMapper mapper;

  /**
   * The live events from now on, in order and without gaps; the stream ends (completes) when the
   * subscriber falls more than {@code buffer} events behind.
   */
  public Multi<Views.LiveEvent> events(int buffer) {
    return Multi.createFrom().publisher(serialized)
        .onOverflow().buffer(buffer)
        .onFailure(BackPressureFailure.class).invoke(e ->
            LOG.infof("A live-stream client fell %d events behind; ending its stream (it reconnects and reloads)",
                buffer))
        .onFailure(BackPressureFailure.class).recoverWithCompletion();
  }

  /** {@link #events(int)} with the SSE buffer. */
  public Multi<Views.LiveEvent> events() {
    return events(SSE_BUFFER);
  }

  public Views.LiveEvent hello() {
    return new Views.LiveEvent("hello", Instant.now(), Map.of("message", "AlignStream analyzer live stream"));
  }

  public String json(Views.LiveEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write live event " + event.type(), e);
    }
  }

  public void publish(String type, Object data) {
    Views.LiveEvent event = new Views.LiveEvent(type, Instant.now(), data);
    serialized.onNext(event);
    if (sockets != null && !sockets.listAll().isEmpty()) { // null: no WebSocket server (a plain hub)
      String text = json(event);
      Set<String> open = new HashSet<>();
      sockets.forEach(c -> {
        open.add(c.id());
        AtomicInteger queued = unsent.computeIfAbsent(c.id(), id -> new AtomicInteger());
        if (queued.incrementAndGet() > socketBuffer) {
          // the same rule as SSE: a client this far behind is closed, not sent a stream with holes;
          // it reconnects and reloads over REST
          queued.decrementAndGet();
          if (unsent.remove(c.id()) != null) {
            LOG.infof("WebSocket %s fell %d events behind; closing it (it reconnects and reloads)", c.id(),
                socketBuffer);
            c.close().subscribe().with(ok -> { }, error -> LOG.debugf("Closing WebSocket %s: %s", c.id(),
                error.getMessage()));
          }
          return;
        }
        c.sendText(text).subscribe().with(ok -> queued.decrementAndGet(), error -> {
          queued.decrementAndGet();
          LOG.debugf("WebSocket %s missed a %s event: %s", c.id(), type, error.getMessage());
        });
      });
      unsent.keySet().retainAll(open);
    }
  }

  public void health(HealthSummary summary) {
    publish("health", summary);
  }

  @Override
  public void resultAdded(ResultPoint point, boolean replay) {
    if (!replay) {
      publish("result", point);
    }
  }

  @Override
  public void datasetChanged(String key, DatasetManifest manifest, boolean replay) {
    if (!replay && manifest != null) {
      publish("dataset", Views.DatasetView.of(manifest));
    }
  }

  @Override
  public void windowChanged(String key, AlignmentWindow window, boolean replay) {
    if (!replay && window != null) {
      publish("window", Views.WindowView.of(key, window));
    }
  }

  @Override
  public void deadLetterRead(DeadLetter letter, boolean replay) {
    if (!replay) {
      publish("deadletter", Map.of("stage", letter.getStage(), "errorClass", letter.getErrorClass(),
          "errorMessage", letter.getErrorMessage(), "sourceTopic", String.valueOf(letter.getSourceTopic()),
          "failedTime", letter.getFailedTime().toString()));
    }
  }

  @Override
  public void fitPublished(ScalingFit fit) {
    publish("fit", Views.FitView.of(fit));
  }

  @Override
  public void refitted(GroupAnalysis analysis, RefitStats.Refit refit) {
    publish("analysis", Views.AnalysisView.of(analysis));
  }
}
