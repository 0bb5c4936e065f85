package io.alignstream.analyzer.engine;

import io.alignstream.schemas.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a replay from dead-lettering the same bad record again: the analyzer reads its inputs from the
 * beginning on every start, so a corrupt record it dead-lettered before shows up again. Its own dead
 * letters (stage {@value AnalyzerEngine#STAGE}) seen on the dead-letter topic are remembered by source
 * topic, partition and offset; new ones wait until that topic has been replayed, and are then sent
 * only if not already there.
 */
final class DeadLetterGate {
  private final Set<String> sent = new HashSet<>();
  private final List<DeadLetter> waiting = new ArrayList<>();
  private boolean replayed;

  synchronized void seen(DeadLetter letter) {
    if (AnalyzerEngine.STAGE.equals(letter.getStage())) {
      sent.add(keyOf(letter));
    }
  }

  /** The letters to send now: none during the replay, else this one unless it was sent before. */
  synchronized List<DeadLetter> offer(DeadLetter letter) {
    if (!replayed) {
      waiting.add(letter);
      return List.of();
    }
    return sent.add(keyOf(letter)) ? List.of(letter) : List.of();
  }

  /** The replay is over: the waiting letters that were not sent before. */
  synchronized List<DeadLetter> replayOver() {
    replayed = true;
    List<DeadLetter> out = new ArrayList<>();
    for (DeadLetter letter : waiting) {
      if (sent.add(keyOf(letter))) {
        out.add(letter);
      }
    }
    waiting.clear();
    return out;
  }

  private static String keyOf(DeadLetter letter) {
    return letter.getSourceTopic() + "/" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
  }
}
