package io.alignstream.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Progress of a run on the console: one bar per stage (ingest, scored, curated, trained, analysed) with
 * the scorer's and the trainer's backlog and an ETA from the training rate of the last minute. On a
 * terminal the block is redrawn in place; otherwise (logs, CI) one line is printed every 10 s.
 */
final class Progress {
  private static final int WIDTH = 24;
  private final PrintStream out;
  private final Instant start;
  private final boolean terminal = System.console() != null && System.getenv("CI") == null;
  private final Deque<long[]> trainedHistory = new ArrayDeque<>();
  private Instant lastPrinted = Instant.EPOCH;
  private int drawnLines;

  Progress(PrintStream out, Instant start) {
    this.out = out;
    this.start = start;
  }

  void update(ExperimentRunner.Counts c, JsonNode manifests, JsonNode trainer, JsonNode analysis) {
    Instant now = Instant.now();
    if (!terminal && Duration.between(lastPrinted, now).toSeconds() < 10) {
      record(c, now);
      return;
    }
    draw(c, manifests, trainer, analysis, now);
  }

  void finish(ExperimentRunner.Counts c, JsonNode manifests, JsonNode trainer, JsonNode analysis) {
    draw(c, manifests, trainer, analysis, Instant.now());
  }

  private void record(ExperimentRunner.Counts c, Instant now) {
    trainedHistory.addLast(new long[] {now.toEpochMilli(), c.trained});
    while (trainedHistory.size() > 2 && trainedHistory.peekFirst()[0] < now.toEpochMilli() - 60_000) {
      trainedHistory.removeFirst();
    }
  }

  private void draw(ExperimentRunner.Counts c, JsonNode manifests, JsonNode trainer, JsonNode analysis, Instant now) {
    record(c, now);
    lastPrinted = now;
    long curatedTarget = 0;
    int sealed = 0;
    int datasets = 0;
    if (manifests != null) {
      for (JsonNode m : manifests) {
        curatedTarget += m.path("sizeLimit").asLong(m.path("size").asLong());
        sealed += m.path("sealed").asBoolean() ? 1 : 0;
        datasets++;
      }
    }
    int complete = 0;
    if (trainer != null) {
      for (JsonNode t : trainer) {
        complete += t.path("state").asText().equals("complete") ? 1 : 0;
      }
    }
    int points = analysis == null ? 0 : analysis.path("points").asInt();
    int fits = analysis == null ? 0 : analysis.path("fits").size();
    String elapsed = duration(Duration.between(start, now));
    String eta = eta(c.trained, curatedTarget);
    String[] lines = {
        String.format(Locale.ROOT, "[%s] ETA %s", elapsed, eta),
        bar("ingest  ", c.targetsAccepted + c.poolAccepted, c.targetsSent + c.poolSent,
            c.rejected > 0 ? c.rejected + " rejected" : ""),
        bar("scored  ", c.scored, c.poolAccepted, "backlog " + Math.max(0, c.poolAccepted - c.scored)
            + (c.deadLetters.isEmpty() ? "" : ", dead letters " + c.deadLetters.values().stream().mapToInt(i -> i).sum())),
        bar("curated ", c.curated, curatedTarget, sealed + "/" + datasets + " sealed"),
        bar("trained ", c.trained, c.curated, complete + "/" + datasets + " complete, backlog "
            + Math.max(0, c.curated - c.trained)),
        bar("analysed", points, c.results, fits + " fits over " + points + " of " + c.results + " results"),
    };
    if (terminal) {
      if (drawnLines > 0) {
        out.print("\033[" + drawnLines + "A");
      }
      for (String l : lines) {
        out.print("\033[2K" + l + "\n");
      }
      drawnLines = lines.length;
    } else {
      out.println(String.join(" | ", lines).replaceAll("\\s+", " "));
    }
    out.flush();
  }

  private String eta(long trained, long target) {
    if (trainedHistory.size() < 2 || target <= 0) {
      return "--";
    }
    long[] first = trainedHistory.peekFirst();
    long[] last = trainedHistory.peekLast();
    double rate = (last[1] - first[1]) / Math.max(1.0, (last[0] - first[0]) / 1000.0);
    if (rate <= 0) {
      return "--";
    }
    return duration(Duration.ofSeconds((long) Math.ceil((target - trained) / rate)));
  }

  static String bar(String name, long done, long total, String note) {
    double f = total <= 0 ? 0 : Math.min(1, done / (double) total);
    int filled = (int) Math.round(f * WIDTH);
    return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %d/%d %s", name, "#".repeat(filled), ".".repeat(WIDTH - filled),
        100 * f, done, total, note);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
