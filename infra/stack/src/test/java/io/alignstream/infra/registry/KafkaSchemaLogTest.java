package io.alignstream.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What needs no broker: a broker that is not there is reported clearly and in bounded time. */
class KafkaSchemaLogTest {

  @Test
  void shouldFailReplayWithClearTimeoutWhenBrokerIsUnreachable() throws IOException {
    String bootstrap = "127.0.0.1:" + unusedPort();
    Instant started = Instant.now();

    try (KafkaSchemaLog log =
        new KafkaSchemaLog(bootstrap, "_schemas_test", (short) 1, Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> log.replay((key, value) -> {}))
          .isInstanceOfSatisfying(SchemaLogException.class,
              e -> assertThat(e.timedOut()).isTrue())
          .hasMessageContaining(bootstrap).hasMessageContaining("_schemas_test");
    }

    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void shouldFailAppendWithTimeoutWhenBrokerIsUnreachable() throws IOException {
    try (KafkaSchemaLog log = new KafkaSchemaLog("127.0.0.1:" + unusedPort(), "_schemas_test",
        (short) 1, Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> log.append("{}", "{}"))
          .isInstanceOfSatisfying(SchemaLogException.class,
              e -> assertThat(e.timedOut()).isTrue());
    }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
