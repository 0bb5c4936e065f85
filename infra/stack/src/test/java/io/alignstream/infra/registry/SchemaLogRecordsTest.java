package io.alignstream.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.registry.SchemaLogRecords.ConfigEntry;
import io.alignstream.infra.registry.SchemaLogRecords.SchemaEntry;
import org.junit.jupiter.api.Test;

class SchemaLogRecordsTest {
  private static final SchemaVersion VERSION =
      new SchemaVersion("users-value", 3, 7, "\"string\"", false);

  @Test
  void shouldWriteSchemaRecordsLikeConfluent() {
    SchemaEntry entry = new SchemaEntry("users-value", 3, VERSION);

    assertThat(SchemaLogRecords.key(entry))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"users-value\",\"version\":3,\"magic\":1}");
    assertThat(SchemaLogRecords.value(entry)).isEqualTo("{\"subject\":\"users-value\","
        + "\"version\":3,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
  }

  @Test
  void shouldWriteConfigRecordsLikeConfluent() {
    ConfigEntry global = new ConfigEntry(null, CompatibilityLevel.FULL);

    assertThat(SchemaLogRecords.key(global))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    assertThat(SchemaLogRecords.value(global)).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(SchemaLogRecords.key(new ConfigEntry("s", null)))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}");
  }

  @Test
  void shouldWriteTombstonesAsNullValues() {
    assertThat(SchemaLogRecords.value(new SchemaEntry("s", 1, null))).isNull();
    assertThat(SchemaLogRecords.value(new ConfigEntry("s", null))).isNull();
  }

  @Test
  void shouldReadBackWhatItWrites() {
    SchemaEntry schema = new SchemaEntry("users-value", 3, VERSION.asDeleted());
    ConfigEntry config = new ConfigEntry("users-value", CompatibilityLevel.NONE);
    SchemaEntry tombstone = new SchemaEntry("users-value", 3, null);

    assertThat(decode(schema)).isEqualTo(schema);
    assertThat(decode(config)).isEqualTo(config);
    assertThat(decode(tombstone)).isEqualTo(tombstone);
  }

  @Test
  void shouldSkipConfluentRecordTypesItDoesNotUse() {
    assertThat(SchemaLogRecords.decode("{\"keytype\":\"NOOP\",\"magic\":0}", null)).isEmpty();
    assertThat(SchemaLogRecords.decode("{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}",
        "{\"mode\":\"READWRITE\"}")).isEmpty();
  }

  @Test
  void shouldRejectUnreadableRecords() {
    assertThatThrownBy(() -> SchemaLogRecords.decode("not json", "{}"))
        .isInstanceOf(SchemaLogException.class);
    assertThatThrownBy(() -> SchemaLogRecords.decode(
        "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}", "{\"id\":1}"))
        .isInstanceOf(SchemaLogException.class).hasMessageContaining("missing");
  }

  private static SchemaLogRecords.Entry decode(SchemaLogRecords.Entry entry) {
    return SchemaLogRecords.decode(SchemaLogRecords.key(entry), SchemaLogRecords.value(entry))
        .orElseThrow();
  }
}
