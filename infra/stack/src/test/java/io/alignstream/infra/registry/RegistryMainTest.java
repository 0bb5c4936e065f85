package io.alignstream.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RegistryMainTest {

  @Test
  void shouldRequireBootstrapServers() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new RegistryMain()).setErr(new PrintWriter(err));

    int exit = command.execute("--port", "0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-servers");
  }

  @Test
  void shouldExitWithFailureWhenKafkaIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    int exit = new CommandLine(new RegistryMain()).execute("--bootstrap-servers",
        "127.0.0.1:" + port, "--port", "0", "--timeout-ms", "1000");

    assertThat(exit).isEqualTo(1);
  }
}
