package io.alignstream.analyzer.api;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/stream}: the live stream as server-sent events. Each event's name is its type (hello,
 * result, dataset, window, fit, analysis, deadletter, health) and its data the JSON {@link Views.LiveEvent}.
 */
@Path("/api/stream")
@Tag(name = "live")
public class LiveStreamResource {

  @Inject
  LiveHub hub;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Live results, fits, windows, datasets and health as server-sent events")
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    return Multi.createBy().concatenating().streams(Multi.createFrom().item(hub.hello()), hub.events())
        .map(e -> sse.newEventBuilder().name(e.type()).mediaType(MediaType.APPLICATION_JSON_TYPE).data(hub.json(e))
            .build());
  }
}
