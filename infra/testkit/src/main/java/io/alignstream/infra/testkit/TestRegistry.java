package io.alignstream.infra.testkit;

import io.alignstream.infra.registry.MemorySchemaLog;
import io.alignstream.infra.registry.SchemaRegistryServer;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * AlignStream's real schema registry on a free port with its log in memory: no broker needed.
 * For {@code TopologyTestDriver} tests, whose serdes need a registry to talk to.
 */
public final class TestRegistry implements AutoCloseable {
  private final SchemaRegistryServer server;
  private final RegistryClient client;

  private TestRegistry(SchemaRegistryServer server) {
    this.server = server;
    this.client = new RegistryClient(RegistrySettings.of(server.url()));
  }

  public static TestRegistry start() {
    SchemaRegistryServer server = new SchemaRegistryServer(new MemorySchemaLog(), "127.0.0.1", 0);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the in-memory schema registry", e);
    }
    return new TestRegistry(server);
  }

  public String url() {
    return server.url();
  }

  public RegistryClient client() {
    return client;
  }

  /** A catalogue with wire-format serdes against this registry (no topics are created). */
  public TopicCatalogue catalogue() {
    return new AvroSerdes(client, true).catalogue(new TopicCatalogue.Settings("", 1, (short) 1));
  }

  @Override
  public void close() {
    server.close();
  }
}
