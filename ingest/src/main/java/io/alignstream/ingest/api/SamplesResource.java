package io.alignstream.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.ingest.sample.SampleIds;
import io.alignstream.ingest.sample.SampleJson;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /samples}: one JSON sample or a JSON array of them ({@link SampleJson}), or one
 * {@link Sample} in the Confluent wire format ({@value #AVRO}). All-or-nothing per request: when any
 * item is invalid the answer is 400 listing every problem per item, nothing is stored, and each bad
 * item goes to the dead-letter topic with its reason. Otherwise the answer (200) comes only after
 * Kafka acknowledged every sample. Too many samples in flight: 429; Kafka not keeping up: 503; both
 * with Retry-After, so nothing is ever dropped silently.
 */
@Path("/samples")
public class SamplesResource {
  /** Content type of a Sample in the Confluent wire format (magic 0, schema id, Avro binary). */
  public static final String AVRO = "application/vnd.alignstream.sample.v1+avro";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SamplesResource.class);

  @Inject SampleSink sink;
  @Inject TopicCatalogue topics;
  @Inject MeterRegistry meters;
  @Inject IngestGate gate;
  @Inject io.alignstream.schemas.registry.RegistryClient registry;
  // Bounded decoding of untrusted Avro bodies (a length the body cannot hold is a 400, not an allocation).
  private volatile io.alignstream.ingest.sample.SampleWire wire;

  @ConfigProperty(name = "alignstream.ingest.max-items-per-request", defaultValue = "10000")
  int maxItems;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Ingest one JSON sample or an array of samples")
  @APIResponse(responseCode = "200", description = "All samples acknowledged by Kafka")
  @APIResponse(responseCode = "400", description = "Invalid request; problems listed per item, nothing stored")
  @APIResponse(responseCode = "413", description = "Body or item count over the limit")
  @APIResponse(responseCode = "429", description = "Too many samples in flight; retry after the Retry-After seconds")
  @APIResponse(responseCode = "503", description = "Kafka or the registry is not keeping up; retry after Retry-After")
  public Response postJson(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      deadLetter("http POST /samples", body, "MalformedJson", e.getOriginalMessage());
      return Response.status(400).entity(new IngestOutcome.Rejected("body is not valid JSON: "
          + e.getOriginalMessage(), 0, List.of())).build();
    }
    List<JsonNode> items = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    if (items.size() > maxItems) {
      return failure(413, "too many samples in one request", items.size() + " > " + maxItems);
    }
    List<Sample> samples = new ArrayList<>();
    List<IngestOutcome.ItemErrors> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      SampleJson.Result result = SampleJson.read(items.get(i), SampleJson.Defaults.none());
      if (result.ok()) {
        samples.add(result.sample());
      } else {
        problems.add(new IngestOutcome.ItemErrors(i, result.errors()));
        deadLetter("http POST /samples #" + i, String.valueOf(items.get(i)), "InvalidSample",
            String.join("; ", result.errors()));
      }
    }
    if (!problems.isEmpty()) {
      return rejected("validation failed", items.size(), problems);
    }
    return store(samples);
  }

  @POST
  @Consumes(AVRO)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Ingest one Sample in the Confluent wire format")
  public Response postAvro(byte[] body) {
    Sample sample;
    try {
      sample = wire().decode(body);
    } catch (SerializationException e) {
      deadLetter("http POST /samples (avro)", null, "UndecodableAvro", e.getMessage());
      return rejected("body is not a Sample in the Confluent wire format", 1,
          List.of(new IngestOutcome.ItemErrors(0, List.of(e.getMessage()))));
    } catch (RegistryException e) {
      return retryLater(503, "schema registry unavailable", e.getMessage());
    }
    if (sample.getId() == null || sample.getId().isBlank()) {
      SampleIds.assign(sample);
    }
    List<String> errors = SampleValidator.validate(sample);
    if (!errors.isEmpty()) {
      deadLetter("http POST /samples (avro)", sample.toString(), "InvalidSample", String.join("; ", errors));
      return rejected("validation failed", 1, List.of(new IngestOutcome.ItemErrors(0, errors)));
    }
    return store(List.of(sample));
  }

  private io.alignstream.ingest.sample.SampleWire wire() {
    io.alignstream.ingest.sample.SampleWire w = wire;
    if (w == null) {
      w = new io.alignstream.ingest.sample.SampleWire(registry);
      wire = w;
    }
    return w;
  }

  private Response store(List<Sample> samples) {
    if (!gate.tryAcquire(samples.size())) {
      count("throttled", samples.size());
      return retryLater(429, "too many samples in flight", "limit " + gate.limit());
    }
    try {
      List<IngestOutcome.Stored> stored = sink.sendAll(samples);
      count("accepted", samples.size());
      return Response.ok(new IngestOutcome.Accepted(stored.size(), stored)).build();
    } catch (SampleSink.Backpressure e) {
      count("backpressure", samples.size());
      return retryLater(503, "Kafka is not accepting writes fast enough", e.getMessage());
    } catch (SampleSink.SendFailed e) {
      count("failed", samples.size());
      int status = e.getCause() instanceof org.apache.kafka.common.errors.RecordTooLargeException ? 413 : 500;
      return failure(status, "Kafka refused a sample", e.getMessage());
    } finally {
      gate.release(samples.size());
    }
  }

  private Response rejected(String error, int received, List<IngestOutcome.ItemErrors> problems) {
    count("rejected", problems.size());
    return Response.status(400).entity(new IngestOutcome.Rejected(error, received, problems)).build();
  }

  private void deadLetter(String sourceRef, String original, String errorClass, String reason) {
    // The client already has its 400 and keeps the data; a dead letter Kafka refuses is still made
    // visible (log and metric) rather than vanishing.
    sink.deadLetter(DeadLetters.fromInput("ingest", sourceRef, original, errorClass, reason)).whenComplete((m, e) -> {
      if (e != null) {
        LOG.warnf("Dead letter for %s not written: %s", sourceRef, e.toString());
        count("dead-letter-failed", 1);
      }
    });
  }

  private void count(String outcome, int n) {
    meters.counter("alignstream.ingest.samples", "source", "http", "outcome", outcome).increment(n);
  }

  private static Response failure(int status, String error, String detail) {
    return Response.status(status).entity(new IngestOutcome.Failure(error, detail)).build();
  }

  private static Response retryLater(int status, String error, String detail) {
    return Response.status(status).header("Retry-After", "1").entity(new IngestOutcome.Failure(error, detail)).build();
  }
}
