package io.alignstream.ingest.solar;

/**
 * Flaring-history features of a region at time t, computed only from flares in [t−24h, t) so they
 * carry no information about the label window.
 *
 * @param cCount C-class flares in the history window
 * @param mCount M-class flares in the history window
 * @param xCount X-class flares in the history window
 * @param decayedFlareIndex Σ (peak flux / 10⁻⁶ W m⁻²)·exp(−(t − tₑ)/τ) over the window's classified
 *     flares, tₑ the flare's peak (or begin): a C1.0 flare just before t adds ≈ 1, an M1.0 ≈ 10, an
 *     X1.0 ≈ 100 (the weights of the usual flare index), fading with e-folding time τ
 */
public record FlareHistory(int cCount, int mCount, int xCount, double decayedFlareIndex) {

  /** No flares in the history window. */
  public static final FlareHistory NONE = new FlareHistory(0, 0, 0, 0.0);
}
