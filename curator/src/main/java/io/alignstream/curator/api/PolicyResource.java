package io.alignstream.curator.api;

import io.alignstream.curator.config.CuratorMetrics;
import io.alignstream.curator.config.PolicyPublisher;
import io.alignstream.curator.policy.InvalidPolicyException;
import io.alignstream.curator.policy.Policy;
import io.alignstream.curator.policy.PolicyFile;
import io.alignstream.curator.topology.CuratorTopology;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.DatasetManifest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Curation policies (declare, list) and the manifests of curated datasets. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
  @Inject PolicyPublisher publisher;
  @Inject CuratorMetrics metrics;
  @Inject KafkaStreams streams;

  /** Declares or replaces a policy: 202 with its dataset ids, or 400 with every problem. */
  @PUT
  @Path("policies/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("id") String id, String body) throws Exception {
    CurationPolicy declared;
    try {
      declared = PolicyFile.fromJson(body);
    } catch (IOException e) {
      return Response.status(400).entity(Map.of("error", "unreadable policy", "problems", List.of(e.getMessage()))).build();
    }
    if (!id.equals(declared.getDatasetId())) {
      return Response.status(400).entity(Map.of("error", "path id differs from datasetId",
          "problems", List.of("'" + id + "' != '" + declared.getDatasetId() + "'"))).build();
    }
    try {
      Policy p = publisher.publish(declared);
      return Response.accepted(Map.of("policy", p.id(), "datasets", p.datasetIds())).build();
    } catch (InvalidPolicyException e) {
      return Response.status(400).entity(Map.of("error", e.getMessage(), "problems", e.problems())).build();
    }
  }

  /** Retires a policy: 202; its datasets keep their records and manifests. */
  @jakarta.ws.rs.DELETE
  @Path("policies/{id}")
  public Response delete(@PathParam("id") String id) throws Exception {
    publisher.retire(id);
    return Response.accepted(Map.of("retired", id)).build();
  }

  @GET
  @Path("policies")
  public Map<String, Object> policies() {
    Map<String, Object> inForce = new TreeMap<>();
    metrics.inForce().forEach((id, p) -> inForce.put(id, Map.of("task", p.task(), "kind",
        p.declared().getPolicy().getKind(), "parameters", p.declared().getPolicy().getParameters(),
        "rules", p.declared().getRules(), "datasets", p.datasetIds())));
    return Map.of("inForce", inForce, "rejected", new TreeMap<>(metrics.rejections()));
  }

  @GET
  @Path("datasets")
  public List<Map<String, Object>> datasets() {
    ReadOnlyKeyValueStore<String, DatasetManifest> store = streams.store(StoreQueryParameters.fromNameAndType(
        CuratorTopology.MANIFESTS_GLOBAL_STORE, QueryableStoreTypes.keyValueStore()));
    List<Map<String, Object>> out = new ArrayList<>();
    try (var it = store.all()) {
      it.forEachRemaining(kv -> {
        DatasetManifest m = kv.value;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("datasetId", m.getDatasetId());
        row.put("task", m.getTask());
        row.put("topic", m.getTopic());
        row.put("family", m.getFamily());
        row.put("kind", m.getPolicy().getKind());
        row.put("size", m.getSize());
        row.put("sizeLimit", m.getSizeLimit());
        row.put("sealed", m.getSealed());
        row.put("meanAlignment", m.getMeanAlignment());
        row.put("alignmentQuantiles", m.getAlignmentQuantiles());
        out.add(row);
      });
    }
    return out;
  }
}
