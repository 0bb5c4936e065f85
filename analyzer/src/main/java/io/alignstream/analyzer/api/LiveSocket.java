package io.alignstream.analyzer.api;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import jakarta.inject.Inject;

/**
 * {@code /api/ws}: the live stream over a WebSocket. The server greets with a {@code hello} event, then
 * pushes every {@link Views.LiveEvent} as one JSON text message (sent by {@link LiveHub}). Text from the
 * client is answered with a {@code pong} event (a keep-alive for proxies).
 */
@WebSocket(path = "/api/ws")
public class LiveSocket {

  @Inject
  LiveHub hub;

  @OnOpen
  public String onOpen() {
    return hub.json(hub.hello());
  }

  @OnTextMessage
  public String onText(String message) {
    return hub.json(new Views.LiveEvent("pong", java.time.Instant.now(), java.util.Map.of()));
  }
}
