package io.alignstream.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.ingest.fuzz.FuzzTries;
import io.alignstream.ingest.fuzz.Mutator;
import io.alignstream.ingest.sample.SampleJson;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@code POST /samples} over real HTTP, against the running service, the real broker and the
 * registry: mutated and random JSON bodies (one sample, arrays, broken JSON, invalid UTF-8) and
 * mutated Avro wire-format bodies. Every answer is 200 or a documented 4xx with a JSON error, never a
 * 5xx, each within a bound; and every rejected item is accounted for by exactly one dead letter.
 * Requests: {@code fuzz.tries}/10, at least 40 ({@code -Dfuzz.http.tries=N} sets it directly); the
 * seed is printed, {@code -Dfuzz.seed=S} repeats a run.
 */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
@Tag("fuzz")
class SamplesResourceFuzzTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 413, 429);
  private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig
      .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 30_000));

  @Inject TopicCatalogue topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  static final String PAIR = """
      {"task":"mt.en-fr","role":"POOL","source":"http-fuzz","domain":"git","eventTime":"2026-11-22T10:00:00Z",
       "payload":{"type":"TextPair","src":"Open %s","tgt":"Ouvrir %s","srcLang":"en","tgtLang":"fr"},
       "metadata":{"file":"git.po"}}""";
  static final String TEXT = """
      {"task":"lm.web","source":"http-fuzz","eventTime":1764000000000,"payload":{"type":"Text","text":"Hello"}}""";
  static final String FEATURES = """
      {"task":"solar.flare24h","role":"TARGET","source":"http-fuzz",
       "payload":{"type":"Features","names":["USFLUX","MEANGAM"],"values":[6.5e21,null],"label":1.0}}""";
  static final String IMAGE = """
      {"task":"stem.size","source":"http-fuzz",
       "payload":{"type":"Image","width":1,"height":2,"bitsPerPixel":8,"pixels":"AAE=","pixelSizeAngstrom":0.5}}""";
  static final List<String> SEEDS = List.of(PAIR, TEXT, FEATURES, IMAGE);

  static int requests() {
    return Integer.getInteger("fuzz.http.tries", Math.max(40, FuzzTries.requested() / 10));
  }

  static Random random(String what) {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("SamplesResourceFuzzTest " + what + ": " + requests() + " requests, -Dfuzz.seed=" + seed);
    return new Random(seed);
  }

  @Test
  void jsonBodiesGetDocumentedAnswersAndEveryRejectedItemADeadLetter() {
    Random r = random("JSON");
    double failedBefore = deadLetterFailures();
    Instant start = Instant.now();
    long expected = 0;
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    for (int i = 0; i < requests(); i++) {
      byte[] body = jsonBody(r);
      Response answer = post("application/json", body);
      statuses.merge(answer.statusCode(), 1, Integer::sum);
      expected += checkAnswer(answer, body);
    }
    System.out.println("SamplesResourceFuzzTest JSON answers by status: " + statuses);
    assertDeadLetters(start, expected, failedBefore);
  }

  @Test
  void avroBodiesGetDocumentedAnswersAndEveryRejectedBodyADeadLetter() {
    Random r = random("Avro");
    List<byte[]> seeds = new ArrayList<>();
    for (String seed : SEEDS) {
      Sample sample = SampleJson.read(json(seed), SampleJson.Defaults.none()).sample();
      seeds.add(topics.samplesRaw().valueSerde().serializer().serialize(topics.samplesRaw().name(), sample));
    }
    // The regressions: bodies whose first or second string claims ~1 GiB (Avro allocated it: OutOfMemoryError).
    List<byte[]> bodies = new ArrayList<>();
    bodies.add(concat(java.util.Arrays.copyOf(seeds.get(0), 5), new byte[] {(byte) 0xe0, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x0f}));
    bodies.add(concat(java.util.Arrays.copyOf(seeds.get(2), 5), new byte[] {2, 'x'}, new byte[] {(byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}));
    for (int i = bodies.size(); i < requests(); i++) {
      byte[] seed = seeds.get(r.nextInt(seeds.size()));
      bodies.add(r.nextInt(5) == 0 ? Mutator.mutate(seed, r)
          : concat(java.util.Arrays.copyOf(seed, 5), Mutator.mutate(java.util.Arrays.copyOfRange(seed, 5, seed.length), r)));
    }
    double failedBefore = deadLetterFailures();
    Instant start = Instant.now();
    long expected = 0;
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    for (byte[] body : bodies) {
      Response answer = post(io.alignstream.ingest.api.SamplesResource.AVRO, body);
      statuses.merge(answer.statusCode(), 1, Integer::sum);
      expected += checkAnswer(answer, body);
    }
    System.out.println("SamplesResourceFuzzTest Avro answers by status: " + statuses);
    assertDeadLetters(start, expected, failedBefore);
  }

  /** A mutated body (a seed or an array of seeds), a random JSON value, or bytes that are not UTF-8. */
  private static byte[] jsonBody(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return Mutator.randomJson(r, 4).toString().getBytes(StandardCharsets.UTF_8);
      case 1:
        return Mutator.mutate(seedBody(r).getBytes(StandardCharsets.UTF_8), r);
      default:
        return Mutator.mutateJson(seedBody(r), r).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String seedBody(Random r) {
    if (r.nextBoolean()) {
      return SEEDS.get(r.nextInt(SEEDS.size()));
    }
    List<String> items = new ArrayList<>();
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      items.add(SEEDS.get(r.nextInt(SEEDS.size())));
    }
    return "[" + String.join(",", items) + "]";
  }

  private Response post(String contentType, byte[] body) {
    return assertTimeoutPreemptively(BOUND, () -> given().config(TIMEOUTS).contentType(contentType).body(body)
        .when().post("/samples").andReturn(), () -> "no answer within " + BOUND + " to " + Mutator.show(body));
  }

  /** Checks one answer; returns how many dead letters it promises. */
  private static long checkAnswer(Response answer, byte[] body) {
    int status = answer.statusCode();
    String shown = Mutator.show(body) + " → " + status + " " + Mutator.show(answer.asString());
    assertThat(DOCUMENTED).as("status for " + shown).contains(status);
    assertThat(answer.contentType()).as("content type for " + shown).startsWith("application/json");
    if (status == 200) {
      // An empty array is a vacuous success: 200 with nothing accepted.
      assertThat(answer.jsonPath().getInt("accepted")).as(shown)
          .isEqualTo(answer.jsonPath().getList("samples").size());
      return 0;
    }
    String error = answer.jsonPath().getString("error");
    assertThat(error).as("error of " + shown).isNotBlank();
    if (status == 429) {
      assertThat(answer.header("Retry-After")).as(shown).isNotBlank();
      return 0;
    }
    if (status == 413) {
      return 0;
    }
    if (error.startsWith("body is not valid JSON") || error.startsWith("body is not a Sample")) {
      return 1;
    }
    List<Object> items = answer.jsonPath().getList("items");
    assertThat(items).as("items of " + shown).isNotEmpty();
    assertThat(answer.jsonPath().getList("items.errors.flatten()", String.class)).as(shown)
        .allSatisfy(e -> assertThat(e).contains(": "));
    return items.size();
  }

  /**
   * Every rejected item has its dead letter, or (when Kafka refused the dead letter, which the resource
   * logs and counts as {@code outcome="dead-letter-failed"}) a visible failure: none vanishes.
   */
  private void assertDeadLetters(Instant start, long expected, double failedBefore) {
    Instant end = Instant.now();
    long failed = Math.round(deadLetterFailures() - failedBefore);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long found;
    do {
      // Reads for the whole 10 s (no record count to stop at), so a loaded broker still gives everything.
      List<ConsumerRecord<String, DeadLetter>> letters = TopicReader.read(bootstrap, topics.deadLetters(),
          Integer.MAX_VALUE, Duration.ofSeconds(10));
      found = letters.stream().map(ConsumerRecord::value)
          .filter(d -> d.getSourceRef() != null && d.getSourceRef().startsWith("http POST /samples"))
          .filter(d -> !d.getFailedTime().isBefore(start.minusMillis(1)) && !d.getFailedTime().isAfter(end))
          .count();
    } while (found + failed < expected && System.nanoTime() < deadline);
    System.out.println("SamplesResourceFuzzTest dead letters: " + found + " written, " + failed
        + " refused by Kafka (logged and counted), " + expected + " rejected items");
    assertThat(found + failed).as("dead letters (written or counted as failed) for the rejected items")
        .isEqualTo(expected);
  }

  /** The resource's count of dead letters Kafka refused. */
  private static double deadLetterFailures() {
    String metrics = given().config(TIMEOUTS).when().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics.lines().filter(l -> l.startsWith("alignstream_ingest_samples_total")
            && l.contains("outcome=\"dead-letter-failed\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
