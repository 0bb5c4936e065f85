package io.alignstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.serde.AvroSerde;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Confluent wire format through a real broker and the real registry. */
@ExtendWith(AlignStreamExtension.class)
class WireFormatSerdeTest {

  @Test
  void shouldWriteMagicByteSchemaIdAndAvroBodyThroughTheBroker(TestStack stack) throws Exception {
    // given
    TopicCatalogue topics = stack.newCatalogue();
    TopicSpec<String, Sample> raw = topics.samplesRaw();
    Sample sample = Samples.textPair("s-1", "Hello", "Bonjour");

    // when
    send(stack, raw, sample);
    byte[] bytes = readRaw(stack, raw.name(), 1).get(0).value();

    // then: byte 0 = 0x00, bytes 1-4 = the id the registry gave the subject <topic>-value, then Avro binary
    int registeredId = stack.registryClient().latest(raw.name() + "-value").id();
    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
    Sample decodedByAvroAlone = new SpecificDatumReader<>(Sample.class)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertThat(decodedByAvroAlone).isEqualTo(sample);
    assertThat(raw.valueSerde().deserializer().deserialize(raw.name(), bytes)).isEqualTo(sample);
  }

  @Test
  void shouldGiveTheSameIdToTheSameSchemaUnderTwoTopics(TestStack stack) {
    TopicCatalogue a = stack.newCatalogue();
    TopicCatalogue b = stack.newCatalogue();
    Sample sample = Samples.textPair("s-2", "Open", "Ouvrir");

    byte[] first = a.samplesRaw().valueSerde().serializer().serialize(a.samplesRaw().name(), sample);
    byte[] second = b.samplesRaw().valueSerde().serializer().serialize(b.samplesRaw().name(), sample);

    assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(ByteBuffer.wrap(second, 1, 4).getInt());
  }

  @Test
  void shouldNameTopicAndOffsetWhenARecordIsNotInTheWireFormat(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue();
    String topic = topics.samplesRaw().name();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "bad", "{\"json\":true}".getBytes())).get(30, TimeUnit.SECONDS);
    }

    try (var consumer = consumer(stack, topics.samplesRaw().valueSerde().deserializer())) {
      consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(RecordDeserializationException.class)
          .satisfies(e -> assertThat(((RecordDeserializationException) e).offset()).isZero())
          .hasMessageContaining(topic)
          .hasMessageContaining("offset 0")
          .cause().hasMessageContaining("not in the Confluent wire format").hasMessageContaining("0x7b");
    }
  }

  @Test
  void shouldNameTheSchemaIdWhenItIsUnknownToTheRegistry(TestStack stack) {
    TopicCatalogue topics = stack.newCatalogue();
    byte[] unknownId = ByteBuffer.allocate(7).put((byte) 0).putInt(987_654).put(new byte[] {2, 2}).array();

    assertThatThrownBy(() -> topics.samplesRaw().valueSerde().deserializer()
            .deserialize(topics.samplesRaw().name(), unknownId))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown schema id 987654")
        .hasMessageContaining(topics.samplesRaw().name());
  }

  @Test
  void shouldRejectARecordClaimingMoreBytesThanItHoldsBeforeAllocatingThem(TestStack stack) {
    // given: a valid scored sample's frame whose body is cut to one field claiming a ~2 GiB string (its id):
    // a corrupt or hostile record on a topic every stage consumes
    TopicCatalogue topics = stack.newCatalogue();
    var scored = topics.samplesScored();
    Sample sample = Samples.textPair("s-huge", "Hello", "Bonjour");
    byte[] valid = scored.valueSerde().serializer().serialize(scored.name(), io.alignstream.schemas.scored.ScoredSample
        .newBuilder().setSample(sample).setScores(new ArrayList<>()).setScoredTime(java.time.Instant.now()).build());
    byte[] huge = ByteBuffer.allocate(5 + 5).put(valid, 0, 5).put(new byte[] {(byte) 0xE0, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x0F}).array(); // zig-zag varint of 2^31 - 16

    // then: a clear error naming the topic, not a 2 GiB allocation; trailing bytes are an error too
    long start = System.nanoTime();
    assertThatThrownBy(() -> scored.valueSerde().deserializer().deserialize(scored.name(), huge))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(scored.name())
        .hasMessageContaining("only 0 bytes are left");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 2);
    assertThatThrownBy(() -> scored.valueSerde().deserializer().deserialize(scored.name(), trailing))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("2 trailing bytes");
    assertThat(scored.valueSerde().deserializer().deserialize(scored.name(), valid).getSample()).isEqualTo(sample);
  }

  @Test
  void shouldFailWithinItsRetryBudgetWhenTheRegistryIsUnreachable() {
    // A port nothing listens on: every attempt is refused at once, so the call ends after its backoff.
    int closedPort = io.alignstream.infra.process.FreePorts.orFree(0);
    RegistryClient unreachable = new RegistryClient(new RegistrySettings(
        URI.create("http://127.0.0.1:" + closedPort), Duration.ofMillis(500), Duration.ofSeconds(1), 3,
        Duration.ofMillis(50)));
    AvroSerde<Sample> serde = AvroSerde.forValues(Sample.class, unreachable);
    byte[] framed = ByteBuffer.allocate(7).put((byte) 0).putInt(1).put(new byte[] {2, 2}).array();

    long start = System.nanoTime();
    assertThatThrownBy(() -> serde.deserializer().deserialize("some-topic", framed))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("unreachable after 3 attempts")
        .hasMessageContaining("/schemas/ids/1");
    assertThatThrownBy(() -> serde.serializer().serialize("some-topic", Samples.textPair("x", "a", "b")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("unreachable");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  private static <V> void send(TestStack stack, TopicSpec<String, V> topic, V value) throws Exception {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers(),
        "acks", "all"), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "k", value)).get(30, TimeUnit.SECONDS);
    }
  }

  static List<ConsumerRecord<String, byte[]>> readRaw(TestStack stack, String topic, int expected) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (var consumer = consumer(stack, new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    assertThat(out).hasSize(expected);
    return out;
  }

  static <V> KafkaConsumer<String, V> consumer(TestStack stack, org.apache.kafka.common.serialization.Deserializer<V> values) {
    return new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
        "group.id", "g-" + System.nanoTime(), "auto.offset.reset", "earliest"), new StringDeserializer(), values);
  }
}
