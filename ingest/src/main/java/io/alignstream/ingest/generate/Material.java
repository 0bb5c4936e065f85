package io.alignstream.ingest.generate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An fcc metal for nanoparticles: atomic number and cubic lattice constant (room temperature).
 *
 * @param name short name used in metadata and file names, e.g. {@code Au}
 * @param atomicNumber Z, which sets the HAADF contrast ∝ Z^n
 * @param latticeConstantAngstrom the fcc cube edge a (4 atoms per a³)
 */
public record Material(String name, int atomicNumber, double latticeConstantAngstrom) {
  public static final Material AU = new Material("Au", 79, 4.08);
  public static final Material PT = new Material("Pt", 78, 3.92);
  public static final Material PD = new Material("Pd", 46, 3.89);
  public static final Material AG = new Material("Ag", 47, 4.09);
  /** Amorphous carbon support atoms (no lattice: the constant is unused). */
  static final int CARBON_Z = 6;

  public Material {
    Objects.requireNonNull(name, "name");
    if (atomicNumber < 1 || !(latticeConstantAngstrom > 0)) {
      throw new IllegalArgumentException("need Z ≥ 1 and a lattice constant > 0: " + name);
    }
  }

  /** One of the built-in metals by (case-insensitive) name. */
  public static Material named(String name) {
    for (Material m : List.of(AU, PT, PD, AG)) {
      if (m.name.equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown material " + name + "; built in: Au, Pt, Pd, Ag");
  }

  /** Lower-case name for file names and domains. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }
}
