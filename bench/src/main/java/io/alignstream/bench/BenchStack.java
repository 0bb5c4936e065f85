package io.alignstream.bench;

import io.alignstream.infra.launcher.RunFile;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.file.Path;

/**
 * The running stack a benchmark measures, from the run file {@code bin/alignstream up} wrote.
 *
 * @param ingestUrl the ingest service's base URL, or null when it is not running
 */
record BenchStack(String bootstrap, TopicCatalogue topics, String ingestUrl) {

  /** @param stateDir the stack's state directory, or null for {@code <alignstream.home>/.alignstream} */
  static BenchStack find(Path stateDir) {
    Path dir = stateDir != null ? stateDir
        : Path.of(System.getProperty("alignstream.home", ".")).resolve(".alignstream");
    RunFile run = RunFile.read(dir).orElseThrow(() -> new IllegalStateException(
        "No running stack in " + dir + ": start it with `bin/alignstream up --detach`"));
    if (run.clientConfigDir() != null) {
      // The benchmarks build PLAINTEXT clients and measure the plain stack (DESIGN §8).
      throw new IllegalStateException("The stack in " + dir + " runs with --secure; benchmarks need a plain stack"
          + " (`bin/alignstream up --detach` without --secure, or another --state-dir)");
    }
    TopicCatalogue topics = new AvroSerdes(new RegistryClient(RegistrySettings.of(run.registryUrl())), true)
        .catalogue(new TopicCatalogue.Settings(run.topicPrefix() == null ? "" : run.topicPrefix(), 3, (short) 1));
    String ingest = run.parts().stream().filter(p -> p.name().equals("ingest")).map(RunFile.Part::url)
        .findFirst().orElse(null);
    return new BenchStack(run.bootstrapServers(), topics, ingest);
  }
}
