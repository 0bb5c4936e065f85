package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one example image per microscope setting as 16-bit PNGs (the committed {@code docs/stem/}
 * set), so readers can see what "aligned" and "shifted" STEM data look like.
 *
 * <p>Usage: {@code java … io.alignstream.ingest.generate.StemExamples docs/stem}
 */
public final class StemExamples {
  private StemExamples() {}

  /** One example: the file name (without extension) and the parameters of its single image. */
  public record Example(String name, String description, StemParams params) {}

  public static List<Example> examples() {
    StemParams base = StemParams.defaults().withSeed(2025);
    MicroscopeSettings target = MicroscopeSettings.target();
    return List.of(
        new Example("au-5nm-aligned", "5 nm Au on carbon, the target microscope (25 mrad, 5,000 e/Å², 1 Å px)",
            base.withDiameters(50, 50)),
        new Example("au-5nm-halfway", "5 nm Au, knob a = 0.5: halfway to the shifted microscope",
            base.withDiameters(50, 50).withAlignment(0.5).withSeed(2026)),
        new Example("pd-4nm-shifted", "4 nm Pd, knob a = 0: 12 mrad, 60 Å defocus, 1,000 e/Å², 1.5 Å px",
            base.withDiameters(40, 40).withAlignment(0)),
        new Example("pt-3nm-lowdose", "3 nm Pt at 300 e/Å² (shot-noise limited), target optics",
            base.withFixedSettings(target.withMaterial(Material.PT).withDose(300)).withDiameters(30, 30)),
        new Example("ag-3nm-defocus", "3 nm Ag, 80 Å defocus blurs the columns, target dose",
            base.withFixedSettings(target.withMaterial(Material.AG).withDefocus(80)).withDiameters(30, 30)),
        new Example("au-2nm-noiseless", "2 nm Au, no noise and no support, 0.5 Å px: the model's expected signal",
            base.withFixedSettings(target.withPixelSize(0.5)).withDiameters(20, 20).noiseless()),
        new Example("au-4nm-cuboctahedron", "4 nm Au cuboctahedron (vertex to vertex), 128 × 128 at 0.5 Å px",
            base.withImageSize(128).withFixedSettings(target.withPixelSize(0.5)).withDiameters(40, 40)
                .withShape(ParticleShape.CUBOCTAHEDRON)));
  }

  /** Writes every example to {@code dir/<name>.png}; returns the files. */
  public static List<Path> write(Path dir) {
    List<Path> files = new ArrayList<>();
    for (Example e : examples()) {
      Sample s = new StemGenerator(e.params()).sample(0);
      Path file = dir.resolve(e.name() + ".png");
      try {
        PngWriter.write(file, (Image) s.getPayload());
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write " + file, ex);
      }
      files.add(file);
    }
    return files;
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/stem");
    for (Path p : write(dir)) {
      System.out.println(p);
    }
  }
}
