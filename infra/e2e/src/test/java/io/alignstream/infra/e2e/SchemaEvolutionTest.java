package io.alignstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.serde.GenericAvroCodec;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readers and writers of different schema versions meet on one topic through the real registry. */
@ExtendWith(AlignStreamExtension.class)
class SchemaEvolutionTest {

  /** Sample as a future version might be: one more field, with a default (BACKWARD compatible). */
  private static Schema sampleV2() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : Sample.getClassSchema().getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field("priority", Schema.create(Schema.Type.INT), "added in v2", 0));
    Schema v2 = Schema.createRecord("Sample", "v2", "io.alignstream.schemas.sample", false);
    v2.setFields(fields);
    return v2;
  }

  @Test
  void shouldLetAnOldReaderReadRecordsOfANewerWriter(TestStack stack) {
    TopicCatalogue topics = stack.newCatalogue();
    String topic = topics.samplesRaw().name();
    Sample original = Samples.textPair("e-1", "Save", "Enregistrer");
    GenericAvroCodec codec = new GenericAvroCodec(stack.registryClient(), true);
    // v1 is registered first, as a running system would have it ...
    byte[] v1Bytes = topics.samplesRaw().valueSerde().serializer().serialize(topic, original);
    // ... then a newer writer adds priority = 7 and registers v2.
    byte[] written = codec.encode(topic, toV2(codec.decode(topic, v1Bytes), 7));

    Sample read = topics.samplesRaw().valueSerde().deserializer().deserialize(topic, written);
    assertThat(read).isEqualTo(original);
    assertThat(stack.registryClient().latest(topic + "-value").version()).isEqualTo(2);
  }

  @Test
  void shouldLetANewReaderReadRecordsOfAnOlderWriterWithDefaults(TestStack stack) {
    TopicCatalogue topics = stack.newCatalogue();
    String topic = topics.samplesRaw().name();
    byte[] written = topics.samplesRaw().valueSerde().serializer()
        .serialize(topic, Samples.textPair("e-2", "Quit", "Quitter"));

    GenericRecord read = new GenericAvroCodec(stack.registryClient(), false).decode(topic, written, sampleV2());

    assertThat(read.get("priority")).isEqualTo(0);
    assertThat(read.get("id").toString()).isEqualTo("e-2");
  }

  @Test
  void shouldRefuseAWriterWhoseSchemaBreaksBackwardCompatibility(TestStack stack) {
    TopicCatalogue topics = stack.newCatalogue();
    String topic = topics.samplesRaw().name();
    topics.samplesRaw().valueSerde().serializer().serialize(topic, Samples.textPair("e-3", "a", "b"));
    // A field without a default: new readers could not read the old records.
    Schema broken = Schema.createRecord("Sample", null, "io.alignstream.schemas.sample", false);
    List<Schema.Field> fields = new ArrayList<>();
    Sample.getClassSchema().getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field("mandatory", Schema.create(Schema.Type.STRING), null, (Object) null));
    broken.setFields(fields);
    GenericRecord record = new GenericData.Record(broken);
    fields.forEach(f -> record.put(f.name(), f.name().equals("mandatory") ? "x" : null));

    assertThatThrownBy(() -> new GenericAvroCodec(stack.registryClient(), true).encode(topic, record))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("409")
        .hasMessageContaining(topic + "-value");
  }

  private static GenericRecord toV2(GenericRecord v1, int priority) {
    GenericRecord v2 = new GenericData.Record(sampleV2());
    for (Schema.Field f : v1.getSchema().getFields()) {
      v2.put(f.name(), v1.get(f.name()));
    }
    v2.put("priority", priority);
    return v2;
  }
}
