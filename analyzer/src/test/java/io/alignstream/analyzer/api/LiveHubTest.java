package io.alignstream.analyzer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The hub's per-subscriber stream: bursts are buffered in order; a subscriber too far behind is ended, not gapped. */
class LiveHubTest {

  @Test
  void shouldDeliverEveryEventOfABurstInOrderToASubscriberThatIsBusyWhileItArrives() {
    LiveHub hub = new LiveHub();
    AssertSubscriber<Views.LiveEvent> client = hub.events(64).subscribe().withSubscriber(AssertSubscriber.create(0));

    // a burst while the client has asked for nothing (its connection is still writing)
    for (int i = 0; i < 50; i++) {
      hub.publish("result", Map.of("i", i));
    }
    client.request(1000);

    assertThat(client.getItems()).hasSize(50);
    List<Integer> order = client.getItems().stream().map(e -> (Integer) ((Map<?, ?>) e.data()).get("i")).toList();
    assertThat(order).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
    client.assertNotTerminated();
  }

  @Test
  void shouldEndTheStreamOfASubscriberThatFallsFurtherBehindThanItsBufferRatherThanSkipEvents() {
    LiveHub hub = new LiveHub();
    AssertSubscriber<Views.LiveEvent> slow = hub.events(8).subscribe().withSubscriber(AssertSubscriber.create(0));
    AssertSubscriber<Views.LiveEvent> fast = hub.events(8).subscribe()
        .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

    for (int i = 0; i < 20; i++) {
      hub.publish("result", Map.of("i", i));
    }

    // the slow one is told its stream is over (it reconnects and reloads); the other one misses nothing
    slow.request(100);
    slow.assertCompleted();
    assertThat(slow.getItems()).hasSizeLessThanOrEqualTo(8);
    fast.assertNotTerminated();
    assertThat(fast.getItems()).hasSize(20);
  }
}
