package io.alignstream.infra.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps method and path templates ({@code /subjects/{subject}/versions}) to handlers. A path no
 * template matches is a 404; a matched path without a route for the method is a 405, as in
 * Confluent (JAX-RS). HEAD is served as GET (the handler sends no body), as JAX-RS does.
 */
final class Router {

  /** Serves one matched request; returns what becomes the JSON body of a 200 response. */
  @FunctionalInterface
  interface Handler {
    Object handle(RegistryRequest request, List<String> pathParams);
  }

  private record Route(String method, List<String> template, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  Router on(String method, String template, Handler handler) {
    List<String> parts = List.of(template.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    routes.add(new Route(method, parts, handler));
    return this;
  }

  Object dispatch(RegistryRequest request) {
    String method = request.method().equals("HEAD") ? "GET" : request.method();
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<List<String>> params = match(route.template(), request.segments());
      if (params.isPresent()) {
        pathKnown = true;
        if (route.method().equals(method)) {
          return route.handler().handle(request, params.get());
        }
      }
    }
    throw pathKnown ? RegistryError.methodNotAllowed() : RegistryError.notFound();
  }

  private static Optional<List<String>> match(List<String> template, List<String> segments) {
    if (template.size() != segments.size()) {
      return Optional.empty();
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.startsWith("{")) {
        params.add(segments.get(i));
      } else if (!part.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
