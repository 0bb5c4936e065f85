package io.alignstream.infra.registry;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A registry server on a free port of 127.0.0.1 with a client pointed at it. */
final class RunningRegistry implements AutoCloseable {
  final InMemorySchemaLog log;
  final SchemaRegistryServer server;
  final RegistryClient client;

  private RunningRegistry(InMemorySchemaLog log, SchemaRegistryServer server) {
    this.log = log;
    this.server = server;
    this.client = new RegistryClient(server.url());
  }

  static RunningRegistry start() {
    return on(new InMemorySchemaLog());
  }

  /** A server replaying {@code log}, as after a restart. */
  static RunningRegistry on(InMemorySchemaLog log) {
    SchemaRegistryServer server = new SchemaRegistryServer(log, "127.0.0.1", 0);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunningRegistry(log, server);
  }

  @Override
  public void close() {
    server.close();
  }
}
