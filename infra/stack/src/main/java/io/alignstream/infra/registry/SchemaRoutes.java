package io.alignstream.infra.registry;

import java.util.List;

/** {@code /}, {@code /schemas/types} and {@code /schemas/ids/{id}}: schemas by global id. */
final class SchemaRoutes {
  private final SchemaStore store;

  SchemaRoutes(SchemaStore store) {
    this.store = store;
  }

  void addTo(Router router) {
    router
        .on("GET", "/", (request, p) -> Json.object())
        .on("GET", "/schemas/types", (request, p) -> List.of("AVRO"))
        .on("GET", "/schemas/ids/{id}",
            (request, p) -> Json.object().put("schema", store.schema(id(p.get(0)))))
        .on("GET", "/schemas/ids/{id}/schema",
            (request, p) -> new Json.Raw(store.schema(id(p.get(0)))))
        .on("GET", "/schemas/ids/{id}/versions", (request, p) -> store
            .versionsWithId(id(p.get(0)), request.flag("deleted")).stream()
            .map(v -> Json.object().put("subject", v.subject()).put("version", v.version()))
            .toList());
  }

  private static int id(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      // JAX-RS answers a path parameter of the wrong type with a plain 404.
      throw RegistryError.notFound();
    }
  }
}
