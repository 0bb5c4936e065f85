package io.alignstream.ingest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The ingest module's commands of {@code bin/alignstream}: {@code ingest} and {@code generate}. */
@Command(name = "alignstream", mixinStandardHelpOptions = true, version = "AlignStream 0.1.0",
    subcommands = {IngestCommand.class, GenerateCommand.class})
public final class IngestCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          StringBuilder m = new StringBuilder("error: ").append(e.getMessage() == null ? e : e.getMessage());
          for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            m.append("\n  caused by: ").append(c);
          }
          cmd.getErr().println(m);
          return 1;
        })
        .execute(args));
  }
}
