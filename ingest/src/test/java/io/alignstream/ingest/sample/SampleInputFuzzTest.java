package io.alignstream.ingest.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.infra.testkit.TestRegistry;
import io.alignstream.ingest.fuzz.AvroRoundTrip;
import io.alignstream.ingest.fuzz.Fuzz;
import io.alignstream.ingest.fuzz.Mutator;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Fuzzes the parsing and validation layer behind {@code POST /samples}, many tries without HTTP: JSON
 * bodies (one sample or an array) read the way the resource reads them, and Avro wire-format bodies
 * decoded by {@link SampleWire} against the real schema registry. Every input ends as a sample that
 * passes validation and survives the Avro round trip the sink makes, or as a list of
 * {@code field: problem} errors (a 400); nothing throws, nothing hangs.
 */
@Tag("fuzz")
class SampleInputFuzzTest {
  static final Duration BOUND = Duration.ofSeconds(10);
  /** What the resource sends back per item: {@code field: problem}. */
  static final Pattern FIELD_ERROR = Pattern.compile("^[A-Za-z][\\w.\\[\\]]*: \\S.*", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String PAIR = """
      {"task":"mt.en-fr","role":"POOL","source":"fuzz","domain":"git","eventTime":"2026-11-22T10:00:00Z",
       "payload":{"type":"TextPair","src":"Open %s file","tgt":"Ouvrir le fichier %s","srcLang":"en","tgtLang":"fr"},
       "metadata":{"file":"git.po","msgctxt":"menu"}}""";
  static final String TEXT = """
      {"task":"lm.web","source":"fuzz","eventTime":1764000000000,"payload":{"type":"Text","text":"Hello, world"}}""";
  static final String FEATURES = """
      {"task":"solar.flare24h","role":"TARGET","source":"fuzz","targetId":"t-1",
       "payload":{"type":"Features","names":["USFLUX","MEANGAM","R_VALUE"],"values":[6.510776e+21,null,3.343],"label":1.0}}""";
  static final String IMAGE = """
      {"task":"stem.size","source":"fuzz","id":"image-1",
       "payload":{"type":"Image","width":2,"height":2,"bitsPerPixel":16,"pixels":"%s","pixelSizeAngstrom":0.5,"label":3.25}}"""
      .formatted(Base64.getEncoder().encodeToString(new byte[] {0, 1, 0, 2, 0, 3, (byte) 0xff, (byte) 0xff}));
  static final List<String> SEEDS = List.of(PAIR, TEXT, FEATURES, IMAGE);

  private static TestRegistry registry;
  private static TopicSpec<String, Sample> samplesRaw;
  private static SampleWire wire;
  private static List<byte[]> wireSeeds;

  @BeforeContainer
  static void startRegistry() {
    registry = TestRegistry.start();
    TopicCatalogue topics = registry.catalogue();
    samplesRaw = topics.samplesRaw();
    wire = new SampleWire(registry.client());
    wireSeeds = new ArrayList<>();
    for (String seed : SEEDS) {
      Sample sample = SampleJson.read(readTree(seed), SampleJson.Defaults.none()).sample();
      wireSeeds.add(samplesRaw.valueSerde().serializer().serialize(samplesRaw.name(), sample));
    }
  }

  @AfterContainer
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  // --- JSON bodies --------------------------------------------------------------------------------

  @Fuzz
  void mutatedJsonBodiesGiveSamplesOrFieldErrors(@ForAll("mutatedBodies") String body) {
    assertTimeoutPreemptively(BOUND, () -> checkBody(body), () -> "hung on " + Mutator.show(body));
  }

  @Fuzz(weight = 0.5)
  void randomJsonBodiesGiveSamplesOrFieldErrors(@ForAll("randomBodies") String body) {
    assertTimeoutPreemptively(BOUND, () -> checkBody(body), () -> "hung on " + Mutator.show(body));
  }

  @Provide
  Arbitrary<String> mutatedBodies() {
    return Mutator.randoms().map(r -> Mutator.mutateJson(body(r), r));
  }

  @Provide
  Arbitrary<String> randomBodies() {
    return Mutator.randoms().map(r -> Mutator.randomJson(r, 4).toString());
  }

  /** One seed, or an array of one to four of them. */
  static String body(Random r) {
    if (r.nextBoolean()) {
      return SEEDS.get(r.nextInt(SEEDS.size()));
    }
    List<String> items = new ArrayList<>();
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      items.add(SEEDS.get(r.nextInt(SEEDS.size())));
    }
    return "[" + String.join(",", items) + "]";
  }

  /** What {@code SamplesResource.postJson} does with a body, minus Kafka: parse, split, read each item. */
  static void checkBody(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      assertThat(e.getOriginalMessage()).as("reason for malformed JSON").isNotBlank();
      return; // 400 "body is not valid JSON", one dead letter
    }
    List<JsonNode> items = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    for (JsonNode item : items) {
      checkResult(SampleJson.read(item, SampleJson.Defaults.none()));
      assertThat(String.valueOf(item)).isNotNull(); // the dead letter's original text
    }
  }

  /** A sample that passes validation and survives the Avro round trip, or field errors. */
  static void checkResult(SampleJson.Result result) {
    if (result.ok()) {
      assertThat(result.sample()).isNotNull();
      assertThat(SampleValidator.validate(result.sample())).isEmpty();
      AvroRoundTrip.assertSame(result.sample());
    } else {
      assertThat(result.sample()).isNull();
      assertThat(result.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).matches(FIELD_ERROR));
    }
  }

  // --- Avro wire-format bodies --------------------------------------------------------------------

  @Fuzz
  void mutatedAvroBodiesDecodeOrAreRejectedAsSerializationErrors(@ForAll("mutatedWireBodies") byte[] body) {
    assertTimeoutPreemptively(BOUND, () -> checkAvro(body), () -> "hung on " + Mutator.show(body));
  }

  @Provide
  Arbitrary<byte[]> mutatedWireBodies() {
    return Mutator.randoms().map(r -> {
      byte[] seed = wireSeeds.get(r.nextInt(wireSeeds.size()));
      if (r.nextInt(5) == 0) {
        return Mutator.mutate(seed, r); // the header too
      }
      byte[] body = Mutator.mutate(java.util.Arrays.copyOfRange(seed, 5, seed.length), r);
      byte[] out = new byte[5 + body.length];
      System.arraycopy(seed, 0, out, 0, 5);
      System.arraycopy(body, 0, out, 5, body.length);
      return out;
    });
  }

  @Fuzz(weight = 0.25)
  void randomAvroBodiesAreRejectedAsSerializationErrors(@ForAll("randomWireBodies") byte[] body) {
    assertTimeoutPreemptively(BOUND, () -> checkAvro(body), () -> "hung on " + Mutator.show(body));
  }

  @Provide
  Arbitrary<byte[]> randomWireBodies() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(b -> {
      byte[] out = b.clone();
      if (out.length >= 5) {
        System.arraycopy(wireSeeds.get(0), 0, out, 0, 5); // a known schema id, so the body is decoded
      }
      return out;
    });
  }

  /** What {@code SamplesResource.postAvro} does with a body, minus Kafka. */
  static void checkAvro(byte[] body) {
    Sample sample;
    try {
      sample = wire.decode(body);
    } catch (SerializationException e) {
      assertThat(e.getMessage()).isNotBlank();
      return; // 400 with the message, one dead letter
    }
    if (sample.getId() == null || sample.getId().isBlank()) {
      SampleIds.assign(sample);
    }
    List<String> errors = SampleValidator.validate(sample);
    assertThat(errors).allSatisfy(e -> assertThat(e).matches(FIELD_ERROR));
    assertThat(sample.toString()).isNotNull(); // the dead letter's original text
    if (errors.isEmpty()) {
      byte[] again = samplesRaw.valueSerde().serializer().serialize(samplesRaw.name(), sample);
      assertThat(samplesRaw.valueSerde().deserializer().deserialize(samplesRaw.name(), again)).isEqualTo(sample);
    }
  }

  // --- Regressions found by fuzzing ----------------------------------------------------------------

  /** Bug: a 10-byte Avro body claiming a 2 GiB string made Avro allocate it (OutOfMemoryError, HTTP 500). */
  @Example
  void avroBodyClaimingAHugeStringIsRejectedBeforeAllocating() {
    byte[] body = frame(varLong(Integer.MAX_VALUE - 16L)); // Sample.id: a string of ~2 GiB, then nothing
    assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> wire.decode(body))
        .isInstanceOf(SerializationException.class).hasMessageContaining("only 0 bytes are left"));
  }

  /** Bug: an Avro body claiming 2^30 feature names made Avro allocate the array up front. */
  @Example
  void avroBodyClaimingAHugeArrayIsRejectedBeforeAllocating() {
    Sample features = SampleJson.read(readTree(FEATURES), SampleJson.Defaults.none()).sample();
    byte[] valid = samplesRaw.valueSerde().serializer().serialize(samplesRaw.name(), features);
    // The names array starts right after the union index of the payload; find it by re-encoding the
    // prefix: id, task, role, source, domain, targetId, eventTime, ingestTime, payload index 2.
    byte[] names = {6}; // zig-zag 3: three names
    int at = indexOf(valid, names, 5);
    byte[] huge = varLong(1L << 30);
    byte[] body = new byte[at + huge.length];
    System.arraycopy(valid, 0, body, 0, at);
    System.arraycopy(huge, 0, body, at, huge.length);
    assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> wire.decode(body))
        .isInstanceOf(SerializationException.class).hasMessageContaining("items, but only"));
  }

  @Example
  void avroBodyWithTrailingBytesIsRejected() {
    byte[] valid = wireSeeds.get(0);
    byte[] body = java.util.Arrays.copyOf(valid, valid.length + 3);
    assertThatThrownBy(() -> wire.decode(body)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("trailing");
    assertThat(wire.decode(valid)).isNotNull();
  }

  /** Bug: JSON "\\ud800" (an unpaired surrogate) was accepted and stored by Avro as '?', a different sample. */
  @Example
  void unpairedSurrogatesAreRejected() {
    SampleJson.Result result = SampleJson.read(readTree(PAIR.replace("Ouvrir", "Ouvrir \\ud800")), SampleJson.Defaults.none());
    assertThat(result.errors()).singleElement().asString().startsWith("payload.tgt: has an unpaired surrogate \\ud800");
    SampleJson.Result source = SampleJson.read(readTree(TEXT.replace("\"fuzz\"", "\"a\\udc00b\"")),
        SampleJson.Defaults.none());
    assertThat(source.errors()).singleElement().asString().startsWith("source: has an unpaired surrogate");
    // A proper pair (an emoji) is fine.
    assertThat(SampleJson.read(readTree(PAIR.replace("Ouvrir", "Ouvrir \\ud83d\\ude00")), SampleJson.Defaults.none()).ok())
        .isTrue();
  }

  /** Bug: a feature name that is not a string reached the Avro encoder as null (NullPointerException: HTTP 500). */
  @Example
  void nonStringFeatureNamesAreFieldErrors() {
    SampleJson.Result result = SampleJson.read(readTree(FEATURES.replace("\"MEANGAM\"", "7")), SampleJson.Defaults.none());
    assertThat(result.errors()).singleElement().asString().isEqualTo("payload.names[1]: must be a string, was 7");
  }

  /** Bug: an epoch-millis eventTime beyond a long kept its low 64 bits: 2^64 + t was accepted as t. */
  @Example
  void eventTimeBeyondALongIsRejectedNotWrapped() {
    String wrapped = TEXT.replace("1764000000000", "18446744073709551616").replace("18446744073709551616",
        new java.math.BigInteger("18446744073709551616").add(java.math.BigInteger.valueOf(1764000000000L)).toString());
    SampleJson.Result result = SampleJson.read(readTree(wrapped), SampleJson.Defaults.none());
    assertThat(result.errors()).singleElement().asString().startsWith("eventTime: epoch millis out of range");
  }

  /** Bug: image sizes were read with asInt(): 4294967298 became 2 and 2.9 became 2, both accepted. */
  @Example
  void imageSizesMustBeWholeNumbersThatFit() {
    SampleJson.Result wrapped = SampleJson.read(readTree(IMAGE.replace("\"width\":2", "\"width\":4294967298")),
        SampleJson.Defaults.none());
    assertThat(wrapped.errors()).singleElement().asString().startsWith("payload.width: must be a whole number");
    SampleJson.Result fraction = SampleJson.read(readTree(IMAGE.replace("\"height\":2", "\"height\":2.9")),
        SampleJson.Defaults.none());
    assertThat(fraction.errors()).singleElement().asString().startsWith("payload.height: must be a whole number");
    assertThat(SampleJson.read(readTree(IMAGE.replace("\"height\":2", "\"height\":2.0")), SampleJson.Defaults.none()).ok())
        .isTrue();
  }

  static byte[] frame(byte[] avro) {
    byte[] header = java.util.Arrays.copyOf(wireSeeds.get(0), 5);
    byte[] out = new byte[5 + avro.length];
    System.arraycopy(header, 0, out, 0, 5);
    System.arraycopy(avro, 0, out, 5, avro.length);
    return out;
  }

  /** Avro's zig-zag varint encoding of a long. */
  static byte[] varLong(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7fL) != 0) {
      out.write((int) ((n & 0x7f) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  private static int indexOf(byte[] b, byte[] piece, int from) {
    // The Features union branch is index 2 (zig-zag 4), immediately followed by the names count.
    for (int i = from; i < b.length - 1; i++) {
      if (b[i] == 4 && b[i + 1] == piece[0] && i + 2 < b.length && b[i + 2] == 12) { // 12 = "USFLUX".length*2
        return i + 1;
      }
    }
    throw new AssertionError("names array not found");
  }

  static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
