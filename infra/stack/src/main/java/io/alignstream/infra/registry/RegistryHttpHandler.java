package io.alignstream.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.alignstream.schemas.security.AccessPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exchanges into routed calls and results or failures into Confluent-shaped responses.
 * Store failures answer 500 with 50001 (50002 on timeout), anything unexpected 500/50001; both
 * are logged with their stack trace, which never reaches the response. Each request passes the
 * {@link AccessPolicy} first, before its body is read: 401 (40101, with {@code WWW-Authenticate}),
 * 403 (40301), 405 or 429 (42901, with {@code Retry-After}) in the same error shape.
 */
final class RegistryHttpHandler implements HttpHandler {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

  private final Router router;
  private final AccessPolicy access;

  RegistryHttpHandler(Router router, AccessPolicy access) {
    this.router = router;
    this.access = access;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      byte[] body;
      try {
        checkAccess(exchange);
        body = serialize(router.dispatch(RegistryRequest.from(exchange)));
      } catch (RegistryError e) {
        status = e.httpStatus();
        body = serialize(Json.error(e));
      } catch (SchemaLogException e) {
        LOG.error("Schema log failed serving {} {}", exchange.getRequestMethod(),
            exchange.getRequestURI(), e);
        RegistryError error = e.timedOut()
            ? RegistryError.storeTimeout("Operation timed out: " + e.getMessage())
            : RegistryError.storeError("Error in the backend data store: " + e.getMessage());
        status = error.httpStatus();
        body = serialize(Json.error(error));
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure serving {} {}", exchange.getRequestMethod(),
            exchange.getRequestURI(), e);
        RegistryError error = RegistryError.storeError(
            "Internal server error (" + e.getClass().getSimpleName() + "); see the registry log");
        status = error.httpStatus();
        body = serialize(Json.error(error));
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
        // A HEAD answer has headers only; the JDK server warns about (and drops) any length given.
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void checkAccess(HttpExchange exchange) {
    if (!access.active()) {
      return;
    }
    AccessPolicy.Decision decision = access.decide(new AccessPolicy.Request() {
      @Override
      public String method() {
        return exchange.getRequestMethod();
      }

      @Override
      public String path() {
        return exchange.getRequestURI().getRawPath();
      }

      @Override
      public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
      }

      @Override
      public String remoteAddress() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
      }
    });
    if (decision.allowed()) {
      return;
    }
    decision.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    LOG.debug("Refused {} {} from {}: {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRemoteAddress(), decision.status(), decision.detail());
    throw RegistryError.accessDenied(decision.status(), decision.error() + ": " + decision.detail());
  }

  private static byte[] serialize(Object result) throws JsonProcessingException {
    if (result instanceof Json.Raw raw) {
      return raw.json().getBytes(StandardCharsets.UTF_8);
    }
    return Json.MAPPER.writeValueAsBytes(result);
  }
}
