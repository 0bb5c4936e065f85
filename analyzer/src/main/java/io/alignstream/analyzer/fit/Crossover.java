package io.alignstream.analyzer.fit;

/**
 * How much misaligned data equals a small aligned set (DESIGN §5), under a fitted
 * {@link AlignmentAwareLaw}: the size D_l at alignment A_lo with L(D_l, A_lo) = L(D_s, A_hi).
 * Closed form: with T = L(D_s, A_hi) and the misaligned floor F = E₀ + κ(1 − A_lo),
 * {@code D_l = (B / (T − F))^(1/α) / A_lo^γ} when T &gt; F; when F ≥ T no amount of misaligned data
 * reaches the aligned set's loss ("never": size and exchange rate are +∞).
 *
 * @param never true when the misaligned floor is at or above the target loss
 * @param targetLoss T = L(D_s, A_hi)
 * @param misalignedFloor F = E(A_lo)
 * @param misalignedSize D_l (+∞ when never)
 * @param exchangeRate D_l / D_s (+∞ when never)
 */
public record Crossover(boolean never, double targetLoss, double misalignedFloor, double misalignedSize,
    double exchangeRate) {

  /**
   * @param alignedAlignment A_hi of the aligned set, in (0, 1]
   * @param alignedSize D_s, &gt; 0
   * @param misalignedAlignment A_lo, in (0, 1] (usually below A_hi; the formula holds either way)
   */
  public static Crossover of(AlignmentAwareLaw.Parameters law, double alignedAlignment, double alignedSize,
      double misalignedAlignment) {
    requireAlignment(alignedAlignment);
    requireAlignment(misalignedAlignment);
    if (!(alignedSize > 0)) {
      throw new IllegalArgumentException("Aligned set size must be > 0, was " + alignedSize);
    }
    double target = law.loss(alignedSize, alignedAlignment);
    double floor = law.floor(misalignedAlignment);
    if (floor >= target) {
      return new Crossover(true, target, floor, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
    double effective = Math.pow(law.b() / (target - floor), 1 / law.alpha());
    double size = effective / Math.pow(misalignedAlignment, law.gamma());
    return new Crossover(false, target, floor, size, size / alignedSize);
  }

  /** The exchange rate D_l/D_s as a derived quantity of an alignment-aware fit (+∞ in resamples where never). */
  public static DerivedQuantity exchangeRate(double alignedAlignment, double alignedSize, double misalignedAlignment) {
    return new DerivedQuantity(
        "exchangeRate(A_hi=" + alignedAlignment + ",D_s=" + alignedSize + ",A_lo=" + misalignedAlignment + ")",
        natural -> of(AlignmentAwareLaw.Parameters.of(natural), alignedAlignment, alignedSize, misalignedAlignment)
            .exchangeRate());
  }

  private static void requireAlignment(double a) {
    if (!(a > 0 && a <= 1)) {
      throw new IllegalArgumentException("Alignment must lie in (0, 1], was " + a);
    }
  }
}
