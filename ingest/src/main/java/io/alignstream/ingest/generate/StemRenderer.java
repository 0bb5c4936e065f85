package io.alignstream.ingest.generate;

/**
 * Renders the noiseless incoherent image {@code I(r) = Σ_j w_j·K(r − r_j)}.
 *
 * <p>Particle atoms are splatted exactly: each atom's tabulated kernel is evaluated at the pixels
 * within its cutoff, O(atoms × (cutoff/pixel)²), a few ms for thousands of atoms, where a full FFT
 * convolution would need a grid fine enough for the probe. Pixels point-sample at their centres, as a
 * scanned probe does (no integration over the pixel).
 *
 * <p>The amorphous support is a weak, statistically uniform background of tens of thousands of
 * atoms, so {@link #splatBackground} bins them onto the pixel grid (bilinear weights) and convolves
 * once with the pixel-sampled kernel, normalised so each atom contributes its exact mean signal:
 * O(pixels × (cutoff/pixel)²) whatever the atom count. Scan jitter is not applied to it (an
 * amorphous background shows none).
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

  /** Adds atoms of one common weight through a binned grid and one discrete convolution. */
  void splatBackground(double[] image, double[] x, double[] y, double weight) {
    double[] grid = new double[width * height];
    for (int a = 0; a < x.length; a++) {
      double u = x[a] / pixel - 0.5;
      double v = y[a] / pixel - 0.5;
      int i = (int) Math.floor(u);
      int j = (int) Math.floor(v);
      double fu = u - i;
      double fv = v - j;
      deposit(grid, i, j, (1 - fu) * (1 - fv));
      deposit(grid, i + 1, j, fu * (1 - fv));
      deposit(grid, i, j + 1, (1 - fu) * fv);
      deposit(grid, i + 1, j + 1, fu * fv);
    }
    int radius = (int) Math.floor(kernel.cutoff() / pixel);
    int side = 2 * radius + 1;
    double[] taps = new double[side * side];
    double sum = 0;
    for (int dy = -radius; dy <= radius; dy++) {
      for (int dx = -radius; dx <= radius; dx++) {
        double t = kernel.at(Math.hypot(dx, dy) * pixel);
        taps[(dy + radius) * side + dx + radius] = t;
        sum += t;
      }
    }
    // Σ over pixels of K(r_p − r) averages 1/pixel² over atom positions; the taps keep that mean.
    double norm = sum > 0 ? weight / (sum * pixel * pixel) : 0;
    for (int j = 0; j < height; j++) {
      for (int i = 0; i < width; i++) {
        double g = grid[j * width + i];
        if (g == 0) {
          continue;
        }
        for (int dy = Math.max(-radius, -j); dy <= Math.min(radius, height - 1 - j); dy++) {
          int row = (j + dy) * width;
          int tapRow = (dy + radius) * side + radius;
          for (int dx = Math.max(-radius, -i); dx <= Math.min(radius, width - 1 - i); dx++) {
            image[row + i + dx] += g * norm * taps[tapRow + dx];
          }
        }
      }
    }
  }

  private void deposit(double[] grid, int i, int j, double w) {
    if (i >= 0 && i < width && j >= 0 && j < height) {
      grid[j * width + i] += w;
    }
  }
}
