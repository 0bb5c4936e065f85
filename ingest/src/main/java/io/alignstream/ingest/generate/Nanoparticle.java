package io.alignstream.ingest.generate;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Atom positions of an fcc nanoparticle seen down the [001] zone axis, projected onto the image plane
 * (the incoherent model only needs x and y), rotated about the beam axis.
 *
 * @param x projected x of each atom in Å, relative to the particle centre
 * @param y projected y in Å
 */
record Nanoparticle(double[] x, double[] y) {

  private static final double[][] FCC_BASIS = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};

  int atomCount() {
    return x.length;
  }

  /**
   * @param diameter the label diameter in Å (see {@link ParticleShape})
   * @param rotation in-plane rotation about the beam in radians
   * @param rng draws the sphere's offset from the lattice (cuboctahedra are atom-centred)
   */
  static Nanoparticle cut(Material material, ParticleShape shape, double diameter, double rotation,
      RandomGenerator rng) {
    double a = material.latticeConstantAngstrom();
    double radius = diameter / 2;
    double[] offset = shape == ParticleShape.SPHERE
        ? new double[] {rng.nextDouble() * a, rng.nextDouble() * a, rng.nextDouble() * a}
        : new double[3];
    double half = radius / Math.sqrt(2); // cuboctahedron's cube half-edge h, circumradius √2·h
    int cells = (int) Math.ceil(radius / a) + 1;
    int capacity = 4 * (2 * cells + 1) * (2 * cells + 1) * (2 * cells + 1);
    double[] xs = new double[capacity];
    double[] ys = new double[capacity];
    int n = 0;
    double cos = Math.cos(rotation);
    double sin = Math.sin(rotation);
    for (int i = -cells; i <= cells; i++) {
      for (int j = -cells; j <= cells; j++) {
        for (int k = -cells; k <= cells; k++) {
          for (double[] b : FCC_BASIS) {
            double px = (i + b[0]) * a - offset[0];
            double py = (j + b[1]) * a - offset[1];
            double pz = (k + b[2]) * a - offset[2];
            if (inside(shape, px, py, pz, radius, half)) {
              xs[n] = cos * px - sin * py;
              ys[n] = sin * px + cos * py;
              n++;
            }
          }
        }
      }
    }
    return new Nanoparticle(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
  }

  private static boolean inside(ParticleShape shape, double x, double y, double z, double radius, double half) {
    final double tol = 1e-9;
    return switch (shape) {
      case SPHERE -> x * x + y * y + z * z <= radius * radius + tol;
      case CUBOCTAHEDRON -> Math.abs(x) <= half + tol && Math.abs(y) <= half + tol && Math.abs(z) <= half + tol
          && Math.abs(x) + Math.abs(y) + Math.abs(z) <= 2 * half + tol;
    };
  }
}
