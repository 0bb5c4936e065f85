package io.alignstream.ingest.cli;

import io.alignstream.ingest.files.FileImporter;
import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most five times a second. */
final class ConsoleProgress implements FileImporter.Progress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long filesDone;
  private long filesTotal;

  ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void update(long done, long total, long read, long accepted, long rejected) {
    if (total > 0) {
      filesDone = done;
      filesTotal = total;
    }
    long now = System.nanoTime();
    boolean finished = total > 0 && done == total;
    if (!finished && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    double fraction = filesTotal == 0 ? 0 : (double) filesDone / filesTotal;
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(1e-3, (now - start) / 1e9);
    out.printf("\r[%s%s] %3.0f%%  files %d/%d  read %d  accepted %d  rejected %d  %.0f/s   ",
        "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, filesDone, filesTotal, read, accepted,
        rejected, read / seconds);
    if (finished) {
      out.println();
    }
    out.flush();
  }
}
