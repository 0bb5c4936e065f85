package io.alignstream.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** POST /samples against the real broker and registry. */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class SamplesResourceTest {
  @Inject TopicCatalogue topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private static String pair(String src, String tgt) {
    return """
        {"task":"mt.en-fr","role":"POOL","source":"resource-test","domain":"git",
         "eventTime":"2026-11-22T10:00:00Z",
         "payload":{"type":"TextPair","src":"%s","tgt":"%s","srcLang":"en","tgtLang":"fr"}}""".formatted(src, tgt);
  }

  @Test
  void shouldStoreAJsonArrayAndAnswerOnlyAfterKafkaAcknowledged() {
    String id = given().contentType("application/json").body("[" + pair("Open file", "Ouvrir le fichier") + ","
            + pair("Save", "Enregistrer") + "]")
        .when().post("/samples")
        .then().statusCode(200)
        .body("accepted", equalTo(2))
        .body("samples", hasSize(2))
        .extract().path("samples[0].id");

    List<Sample> stored = TopicReader.values(bootstrap, topics.samplesRaw(), 2, Duration.ofSeconds(30));
    assertThat(stored).extracting(Sample::getId).contains(id);
    Sample open = stored.stream().filter(s -> s.getId().equals(id)).findFirst().orElseThrow();
    assertThat(((TextPair) open.getPayload()).getTgt()).isEqualTo("Ouvrir le fichier");
    assertThat(open.getEventTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
  }

  @Test
  void shouldGiveTheSameContentFromTheSameSourceTheSameId() {
    String first = given().contentType("application/json").body(pair("Quit", "Quitter"))
        .when().post("/samples").then().statusCode(200).extract().path("samples[0].id");
    String second = given().contentType("application/json").body(pair("Quit", "Quitter"))
        .when().post("/samples").then().statusCode(200).extract().path("samples[0].id");
    assertThat(first).isEqualTo(second).hasSize(32);
  }

  @Test
  void shouldAnswer400WithEveryProblemPerItemAndDeadLetterTheBadOnes() {
    String bad1 = """
        {"task":"mt.en-fr","source":"resource-test","payload":{"type":"TextPair","src":"","tgt":"x","srcLang":"en","tgtLang":"??"}}""";
    String bad2 = """
        {"task":"Not A Task","source":"resource-test","payload":{"type":"Features","names":["a"],"values":[1,2]}}""";

    given().contentType("application/json").body("[" + pair("Only good one", "Seul le bon") + "," + bad1 + "," + bad2 + "]")
        .when().post("/samples")
        .then().statusCode(400)
        .body("items", hasSize(2))
        .body("items[0].index", equalTo(1))
        .body("items[0].errors", org.hamcrest.Matchers.hasItems(
            containsString("payload.src: must not be empty"), containsString("payload.tgtLang")))
        .body("items[1].index", equalTo(2))
        .body("items[1].errors", org.hamcrest.Matchers.hasItems(
            containsString("task: must look like"), containsString("one value per name")));

    List<DeadLetter> letters = TopicReader.values(bootstrap, topics.deadLetters(), 2, Duration.ofSeconds(30));
    assertThat(letters).filteredOn(d -> d.getSourceRef().startsWith("http POST /samples #"))
        .extracting(DeadLetter::getSourceRef).contains("http POST /samples #1", "http POST /samples #2");
    // All or nothing: the good item of the rejected request was not stored.
    assertThat(TopicReader.values(bootstrap, topics.samplesRaw(), 0, Duration.ofSeconds(1)))
        .noneMatch(s -> s.getPayload() instanceof TextPair p && p.getSrc().equals("Only good one"));
  }

  @Test
  void shouldAnswer400ForMalformedJson() {
    given().contentType("application/json").body("{\"task\": ")
        .when().post("/samples")
        .then().statusCode(400).body("error", containsString("not valid JSON"));
  }

  @Test
  void shouldAnswer413WhenARequestHoldsTooManySamples() {
    String many = "[" + String.join(",", java.util.Collections.nCopies(51, pair("a", "b"))) + "]";
    given().contentType("application/json").body(many)
        .when().post("/samples")
        .then().statusCode(413).body("detail", containsString("51 > 50"));
  }

  @Test
  void shouldAcceptASampleInTheConfluentWireFormat() {
    Sample sample = Samples.of("mt.en-fr", Role.TARGET, "avro-client", "postgres",
        new TextPair("Connection refused", "Connexion refusée", "en", "fr"), Instant.now(), Map.of());
    byte[] framed = topics.samplesRaw().valueSerde().serializer().serialize(topics.samplesRaw().name(), sample);

    given().contentType(SamplesResource.AVRO).body(framed)
        .when().post("/samples")
        .then().statusCode(200).body("samples[0].id", equalTo(sample.getId()));
  }

  @Test
  void shouldAnswer400ForAvroBodiesNotInTheWireFormat() {
    given().contentType(SamplesResource.AVRO).body(new byte[] {1, 2, 3, 4, 5, 6})
        .when().post("/samples")
        .then().statusCode(400).body("items[0].errors[0]", containsString("not in the Confluent wire format"));
  }

  @Test
  void shouldServeTheOpenApiDescription() {
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/samples"));
  }
}
