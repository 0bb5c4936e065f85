package io.alignstream.ingest.generate;

/**
 * How the fcc lattice is cut. The label diameter d is the sphere's diameter, or the cuboctahedron's
 * vertex-to-vertex (circumscribed) diameter: a cuboctahedron is the cube {@code |x_i| ≤ h} intersected
 * with the octahedron {@code Σ|x_i| ≤ 2h}, circumradius {@code √2·h}.
 */
public enum ParticleShape {
  /** Sphere around a random point of the unit cell (so atom counts vary between equal diameters). */
  SPHERE,
  /** Cuboctahedron centred on an atom with {100} faces along the lattice axes. */
  CUBOCTAHEDRON
}
