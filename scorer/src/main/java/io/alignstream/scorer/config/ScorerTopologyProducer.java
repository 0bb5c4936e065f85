package io.alignstream.scorer.config;

import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.scorer.topology.ScorerSettings;
import io.alignstream.scorer.topology.ScorerTopology;
import io.alignstream.scorer.topology.EmbeddingScoring;
import io.alignstream.scorer.topology.EncoderWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the scorer topology to Quarkus Kafka Streams, with its settings from configuration. */
@ApplicationScoped
public class ScorerTopologyProducer {
  /** The encoders' one thread: the stream threads only submit to it and pick results up. */
  private final EncoderWork work = EncoderWork.background("scorer-encoders");

  @jakarta.annotation.PreDestroy
  void stop() {
    work.close();
  }

  @Produces
  Topology scorer(
      TopicCatalogue topics,
      Task2VecBeans.Encoders encoders,
      @ConfigProperty(name = "alignstream.scorer.batch-size", defaultValue = "64") int batchSize,
      @ConfigProperty(name = "alignstream.scorer.batch-max-wait", defaultValue = "PT0.5S") Duration batchWait,
      @ConfigProperty(name = "alignstream.scorer.publish-every", defaultValue = "PT2S") Duration publishEvery,
      @ConfigProperty(name = "alignstream.scorer.gzip-reference-size", defaultValue = "32") int gzipSize,
      @ConfigProperty(name = "alignstream.scorer.methods",
          defaultValue = "mt=task2vec+embedding+dsir+gzip;lm=task2vec+embedding+dsir+gzip") String methods,
      @ConfigProperty(name = "alignstream.scorer.default-methods", defaultValue = "task2vec") String defaults,
      @ConfigProperty(name = "alignstream.scorer.target-wait", defaultValue = "PT1M") Duration targetWait,
      @ConfigProperty(name = "alignstream.scorer.encoder-reference-every", defaultValue = "PT30S") Duration encoderEvery,
      @ConfigProperty(name = "alignstream.scorer.pool-warmup", defaultValue = "512") int poolWarmup) {
    ScorerSettings settings = new ScorerSettings(batchSize, batchWait, publishEvery, gzipSize,
        parseMethods(methods), set(defaults), targetWait, encoderEvery, poolWarmup);
    return new ScorerTopology(topics.samplesRaw(), topics.targetSamples(), topics.samplesScored(),
        topics.targetEmbeddings(), topics.deadLetters(), settings, encoders.all(), work).build();
  }

  /** {@code family=method+method;family=...}. */
  static Map<String, Set<String>> parseMethods(String spec) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("alignstream.scorer.methods: '" + part + "' is not family=method+method");
      }
      out.put(kv[0].trim(), set(kv[1].replace('+', ',')));
    }
    return out;
  }

  private static Set<String> set(String list) {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(m -> {
      if (!ScorerSettings.METHODS.contains(m)) {
        throw new IllegalArgumentException("Unknown alignment method '" + m + "' (task2vec, embedding, dsir, gzip)");
      }
      out.add(m);
    });
    return out;
  }
}
