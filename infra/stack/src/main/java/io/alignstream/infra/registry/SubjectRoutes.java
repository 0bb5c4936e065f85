package io.alignstream.infra.registry;

import java.util.List;

/**
 * {@code /subjects}: list, register, look up, read and delete subject versions. {@code
 * ?deleted=true} includes soft-deleted subjects and versions where Confluent allows it.
 */
final class SubjectRoutes {
  private final SchemaStore store;

  SubjectRoutes(SchemaStore store) {
    this.store = store;
  }

  void addTo(Router router) {
    router
        .on("GET", "/subjects", (request, p) -> store.subjects(request.flag("deleted")))
        .on("POST", "/subjects/{subject}", this::lookup)
        .on("DELETE", "/subjects/{subject}",
            (request, p) -> store.deleteSubject(p.get(0), request.flag("permanent")))
        .on("GET", "/subjects/{subject}/versions", (request, p) -> store
            .versions(p.get(0), request.flag("deleted")).stream().map(SchemaVersion::version)
            .toList())
        .on("POST", "/subjects/{subject}/versions", (request, p) ->
            Json.object().put("id", store.register(p.get(0), SchemaRequest.schema(request))))
        .on("GET", "/subjects/{subject}/versions/{version}",
            (request, p) -> Json.version(version(request, p)))
        .on("GET", "/subjects/{subject}/versions/{version}/schema",
            (request, p) -> new Json.Raw(version(request, p).schema()))
        .on("DELETE", "/subjects/{subject}/versions/{version}", (request, p) -> {
          VersionSpec spec = VersionSpec.parse(p.get(1));
          return store.deleteVersion(p.get(0), spec, request.flag("permanent"));
        });
  }

  private Object lookup(RegistryRequest request, List<String> p) {
    return Json.version(
        store.lookup(p.get(0), SchemaRequest.schema(request), request.flag("deleted")));
  }

  private SchemaVersion version(RegistryRequest request, List<String> p) {
    VersionSpec spec = VersionSpec.parse(p.get(1));
    return store.version(p.get(0), spec, request.flag("deleted"));
  }
}
