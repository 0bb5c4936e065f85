package io.alignstream.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /config} and {@code /config/{subject}}: compatibility levels. Reads answer {@code
 * {"compatibilityLevel":L}}, updates {@code {"compatibility":L}}, as Confluent does.
 */
final class ConfigRoutes {
  private final SchemaStore store;

  ConfigRoutes(SchemaStore store) {
    this.store = store;
  }

  void addTo(Router router) {
    router
        .on("GET", "/config", (request, p) -> level(store.globalLevel()))
        .on("PUT", "/config", (request, p) -> update(null, request))
        .on("DELETE", "/config", (request, p) -> level(store.removeConfig(null)))
        .on("GET", "/config/{subject}", (request, p) -> {
          String subject = p.get(0);
          if (request.flag("defaultToGlobal")) {
            return level(store.effectiveLevel(subject));
          }
          return level(store.subjectLevel(subject)
              .orElseThrow(() -> RegistryError.subjectLevelNotConfigured(subject)));
        })
        .on("PUT", "/config/{subject}", (request, p) -> update(p.get(0), request))
        .on("DELETE", "/config/{subject}", (request, p) -> level(store.removeConfig(p.get(0))));
  }

  private Object update(String subject, RegistryRequest request) {
    JsonNode body = request.jsonBody();
    // Newer Confluent clients may send the name the reads use.
    JsonNode name = body.hasNonNull("compatibility") ? body.get("compatibility")
        : body.get("compatibilityLevel");
    CompatibilityLevel level =
        CompatibilityLevel.parse(name == null || !name.isTextual() ? null : name.asText());
    store.configure(subject, level);
    return Json.object().put("compatibility", level.name());
  }

  private static Object level(CompatibilityLevel level) {
    return Json.object().put("compatibilityLevel", level.name());
  }
}
