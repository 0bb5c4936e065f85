package io.alignstream.ingest.generate;

import java.math.BigDecimal;

/**
 * The alignment knob {@code a ∈ [0,1]} shared by all generators: 1 = the target distribution,
 * 0 = the maximally shifted one. Continuous parameters move along a straight line between their
 * target and shifted values ({@link #lerp}, or {@link #logLerp} for scale parameters such as dose),
 * mixtures give weight {@code a} to the target component.
 */
public final class AlignmentKnob {
  private AlignmentKnob() {}

  public static double check(double alignment) {
    if (!(alignment >= 0.0 && alignment <= 1.0)) {
      throw new IllegalArgumentException("alignment must be in [0,1]: " + alignment);
    }
    return alignment;
  }

  /** {@code shifted + a·(target − shifted)}: exactly the target at a = 1, the shifted value at a = 0. */
  public static double lerp(double alignment, double target, double shifted) {
    if (alignment == 1.0) {
      return target;
    }
    return shifted + alignment * (target - shifted);
  }

  /** Geometric interpolation, for positive scale parameters (equal steps in log space); exact at 0 and 1. */
  public static double logLerp(double alignment, double target, double shifted) {
    if (alignment == 1.0) {
      return target;
    }
    if (alignment == 0.0) {
      return shifted;
    }
    return Math.exp(lerp(alignment, Math.log(target), Math.log(shifted)));
  }

  /** The sample domain for a knob value, e.g. {@code synthetic-a0.25}. */
  public static String domain(double alignment) {
    return "synthetic-a" + format(alignment);
  }

  /** Shortest plain decimal form: 1, 0.25, 0.1 (no exponent, no trailing zeros, no locale). */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
