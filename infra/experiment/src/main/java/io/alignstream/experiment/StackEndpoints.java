package io.alignstream.experiment;

import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.security.StackSecrets;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running stack an experiment drives, from the run file {@code bin/alignstream up} wrote. On a
 * secure stack the experiment is its {@code admin}: that user's Kafka client settings and registry
 * login (the catalogue registers its schemas, which needs a login there).
 *
 * @param kafka bootstrap servers and security
 * @param services base URL per running service (ingest, curator, trainer, analyzer, …)
 */
record StackEndpoints(KafkaClientProperties kafka, TopicCatalogue topics, Map<String, String> services) {

  static StackEndpoints find(Path stateDir) {
    RunFile run = RunFile.read(stateDir).orElseThrow(() -> new IllegalStateException(
        "No running stack in " + stateDir + ": start it with `bin/alignstream up --detach` (or run `bin/alignstream demo`)"));
    if (!run.ready()) {
      throw new IllegalStateException("The stack in " + stateDir + " is still starting; try again when `bin/alignstream"
          + " status` says every part is UP");
    }
    TopicCatalogue topics = new AvroSerdes(new RegistryClient(run.registry(StackSecrets.ADMIN)), true)
        .catalogue(new TopicCatalogue.Settings(run.topicPrefix() == null ? "" : run.topicPrefix(), 3, (short) 1));
    Map<String, String> services = new LinkedHashMap<>();
    run.parts().forEach(p -> {
      if (p.url() != null) {
        services.put(p.name(), p.url().replaceAll("/+$", ""));
      }
    });
    return new StackEndpoints(run.kafkaClient(StackSecrets.ADMIN), topics, services);
  }

  /** The base URL of a service, or an error that says it is not part of the running stack. */
  String url(String service) {
    String url = services.get(service);
    if (url == null) {
      throw new IllegalStateException("The experiment needs the " + service + " service, which is not running in this"
          + " stack (running: " + services.keySet() + "); restart it with `bin/alignstream up`");
    }
    return url;
  }
}
