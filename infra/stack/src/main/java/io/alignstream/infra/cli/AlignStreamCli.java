package io.alignstream.infra.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/alignstream}: runs and inspects the local AlignStream stack. */
@Command(name = "alignstream", mixinStandardHelpOptions = true, version = "AlignStream 0.1.0",
    description = "Alignment-first data curation on Kafka: run and inspect the local stack.",
    footer = "%nAlso: ingest (import files) and generate (synthetic data), run from the ingest module.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, TopicsCommand.class,
        ConsumeCommand.class, ProduceCommand.class, CommandLine.HelpCommand.class})
public final class AlignStreamCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new AlignStreamCli())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          StringBuilder message = new StringBuilder("error: ").append(e.getMessage() == null ? e : e.getMessage());
          for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            message.append("\n  caused by: ").append(c);
          }
          cmd.getErr().println(message);
          return 1;
        });
  }
}
