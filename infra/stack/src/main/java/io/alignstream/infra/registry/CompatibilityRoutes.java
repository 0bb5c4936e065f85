package io.alignstream.infra.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.avro.Schema;

/**
 * {@code POST /compatibility/subjects/{subject}/versions[/{version}]}: would this schema be
 * accepted? Against one version, or without a version against every version the subject's level
 * demands. Answers {@code {"is_compatible":bool}}, plus {@code messages} with {@code
 * ?verbose=true}.
 */
final class CompatibilityRoutes {
  private final SchemaStore store;

  CompatibilityRoutes(SchemaStore store) {
    this.store = store;
  }

  void addTo(Router router) {
    router
        .on("POST", "/compatibility/subjects/{subject}/versions", (request, p) -> {
          Schema candidate = SchemaRequest.schema(request);
          String subject = p.get(0);
          return answer(request, AvroCompatibility.check(candidate,
              store.liveVersionsNewestFirst(subject), store.effectiveLevel(subject)));
        })
        .on("POST", "/compatibility/subjects/{subject}/versions/{version}", (request, p) -> {
          VersionSpec spec = VersionSpec.parse(p.get(1));
          String subject = p.get(0);
          SchemaVersion against = store.version(subject, spec, false);
          Schema candidate = SchemaRequest.schema(request);
          return answer(request, AvroCompatibility.check(candidate, List.of(against),
              store.effectiveLevel(subject)));
        });
  }

  private static Object answer(RegistryRequest request, List<String> problems) {
    ObjectNode answer = Json.object().put("is_compatible", problems.isEmpty());
    if (request.flag("verbose")) {
      ArrayNode messages = answer.putArray("messages");
      problems.forEach(messages::add);
    }
    return answer;
  }
}
