package io.alignstream.trainer.cli;

import io.alignstream.trainer.metrics.MtScore;
import java.util.List;

/**
 * What one {@code eval-mt} invocation produced: the exit code, what goes to standard output and to
 * standard error, and the scores themselves (empty on error or help).
 *
 * @param exitCode 0 on success, 2 on a usage or input error
 * @param stdout text for standard output
 * @param stderr text for standard error
 * @param scores the computed scores, in printing order
 */
public record EvalMtResult(int exitCode, String stdout, String stderr, List<MtScore> scores) {
  /** Exit code for bad arguments, unreadable or inconsistent input files. */
  public static final int USAGE_ERROR = 2;

  public EvalMtResult {
    scores = List.copyOf(scores);
  }

  static EvalMtResult success(String stdout, List<MtScore> scores) {
    return new EvalMtResult(0, stdout, "", scores);
  }

  static EvalMtResult usageError(String message) {
    return new EvalMtResult(USAGE_ERROR, "", "eval-mt: error: " + message + "\n", List.of());
  }
}
