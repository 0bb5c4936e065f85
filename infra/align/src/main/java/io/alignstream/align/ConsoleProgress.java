package io.alignstream.align;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: batches represented of all, the method at work, and an ETA. On a terminal
 * the line is redrawn; otherwise a line is printed at every tenth.
 */
final class ConsoleProgress implements AlignmentRun.Progress {
  private final PrintStream err;
  private final boolean terminal = System.console() != null;
  private long total;
  private long done;
  private long start;
  private long lastTenth = -1;

  ConsoleProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void start(long totalBatches) {
    total = Math.max(1, totalBatches);
    start = System.nanoTime();
  }

  @Override
  public void batch(String what) {
    done++;
    double seconds = (System.nanoTime() - start) / 1e9;
    double eta = seconds / done * (total - done);
    int width = 30;
    int filled = (int) (width * done / total);
    String line = String.format(Locale.ROOT, "[%s%s] %d/%d batches (%s) %.0f s, ETA %.0f s", "#".repeat(filled),
        " ".repeat(width - filled), done, total, what, seconds, eta);
    if (terminal) {
      err.print("\r" + line);
    } else if (done * 10 / total != lastTenth) {
      lastTenth = done * 10 / total;
      err.println(line);
    }
  }

  @Override
  public void finish() {
    if (terminal) {
      err.println();
    }
  }
}
