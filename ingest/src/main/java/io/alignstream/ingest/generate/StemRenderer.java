package io.alignstream.ingest.generate;

/**
 * Renders the noiseless incoherent image {@code I(r) = Σ_j w_j·K(r − r_j)} by splatting each atom's
 * tabulated kernel into the pixels within the kernel's cutoff: O(atoms × (cutoff/pixel)²), a few ms
 * for thousands of atoms, where a full FFT convolution would need a grid fine enough for the probe.
 * Pixels point-sample at their centres, as a scanned probe does (no integration over the pixel).
 */
final class StemRenderer {
  private final ProbeKernel kernel;
  private final int width;
  private final int height;
  private final double pixel;

  StemRenderer(ProbeKernel kernel, int width, int height, double pixelSizeAngstrom) {
    this.kernel = kernel;
    this.width = width;
    this.height = height;
    this.pixel = pixelSizeAngstrom;
  }

  /**
   * Adds the atoms into {@code image} (row-major, width × height).
   *
   * @param x atom x in Å from the image's left edge
   * @param y atom y in Å from the top edge
   * @param weight per-atom weight (e.g. Z^n); a single value applies when the array has length 1
   * @param rowShift per-row displacement of the sampled positions in Å (scan-line jitter), or null
   */
  void splat(double[] image, double[] x, double[] y, double[] weight, double[] rowShift) {
    double rc = kernel.cutoff();
    double rc2 = rc * rc;
    for (int a = 0; a < x.length; a++) {
      double w = weight.length == 1 ? weight[0] : weight[a];
      int j0 = Math.max(0, (int) Math.ceil((y[a] - rc) / pixel - 0.5));
      int j1 = Math.min(height - 1, (int) Math.floor((y[a] + rc) / pixel - 0.5));
      for (int j = j0; j <= j1; j++) {
        double dy = (j + 0.5) * pixel - y[a];
        double dy2 = dy * dy;
        if (dy2 > rc2) {
          continue;
        }
        double ax = x[a] - (rowShift == null ? 0 : rowShift[j]);
        int i0 = Math.max(0, (int) Math.ceil((ax - rc) / pixel - 0.5));
        int i1 = Math.min(width - 1, (int) Math.floor((ax + rc) / pixel - 0.5));
        int row = j * width;
        for (int i = i0; i <= i1; i++) {
          double dx = (i + 0.5) * pixel - ax;
          double r2 = dx * dx + dy2;
          if (r2 < rc2) {
            image[row + i] += w * kernel.at(Math.sqrt(r2));
          }
        }
      }
    }
  }
}
