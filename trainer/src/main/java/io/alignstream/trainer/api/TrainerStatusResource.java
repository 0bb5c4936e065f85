package io.alignstream.trainer.api;

import io.alignstream.trainer.config.TrainerService;
import io.alignstream.trainer.service.TrainerEngine;
import io.alignstream.trainer.service.TrainerStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/trainer/status}: the loop, each task's targets and each dataset's progress (JSON
 * {@link TrainerStatus}); 503 while the service starts.
 */
@Path("/api/trainer/status")
@Produces(MediaType.APPLICATION_JSON)
public class TrainerStatusResource {

  @Inject
  TrainerService service;

  @GET
  public TrainerStatus status() {
    TrainerEngine engine = service.engine();
    if (engine == null) {
      throw new ServiceUnavailableException("the trainer is starting");
    }
    return engine.status();
  }
}
