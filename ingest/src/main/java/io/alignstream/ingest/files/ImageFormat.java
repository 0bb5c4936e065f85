package io.alignstream.ingest.files;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG and TIFF grey images (8 or 16 bit) with a labels CSV ({@code file,label[,pixelSizeAngstrom]},
 * file names relative to the CSV or bare names). An image that is not grey, not 8/16-bit, unreadable,
 * or has no label row is a bad record with the reason.
 */
public final class ImageFormat implements SampleFormat {
  private final Map<Path, Labels> labelsByFile = new HashMap<>();

  @Override
  public String name() {
    return "image";
  }

  @Override
  public boolean accepts(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".tif") || n.endsWith(".tiff");
  }

  @Override
  public Stream<Parsed<Sample>> read(Path file, ImportOptions o) throws IOException {
    String ref = file.toString();
    if (o.labels() == null) {
      return Stream.of(Parsed.bad("images need a labels CSV (--labels FILE with file,label columns)", ref, null));
    }
    Labels labels = labels(o.labels());
    String[] label = labels.byPath().get(file.toAbsolutePath().normalize());
    if (label == null) {
      String name = file.getFileName().toString();
      if (labels.ambiguousNames().contains(name)) {
        return Stream.of(Parsed.bad("several rows of " + o.labels() + " name " + name
            + " in different folders; give the path relative to the labels file", ref, null));
      }
      label = labels.byName().get(name);
    }
    if (label == null) {
      return Stream.of(Parsed.bad("no row for " + file.getFileName() + " in " + o.labels(), ref, null));
    }
    BufferedImage image;
    try {
      image = decode(file);
    } catch (TooLarge e) {
      return Stream.of(Parsed.bad(e.getMessage(), ref, null));
    } catch (IOException | RuntimeException e) {
      return Stream.of(Parsed.bad("unreadable image: " + e, ref, null));
    }
    if (image == null) {
      return Stream.of(Parsed.bad("not a PNG or TIFF image ImageIO can read", ref, null));
    }
    Raster raster = image.getRaster();
    int bits = raster.getSampleModel().getSampleSize(0);
    if (raster.getNumBands() != 1 || !(bits == 8 || bits == 16)) {
      return Stream.of(Parsed.bad("only 8- or 16-bit grey images are accepted; this one has "
          + raster.getNumBands() + " band(s) of " + bits + " bits", ref, null));
    }
    Double pixelSize = label.length > 1 && !label[1].isBlank() ? parse(label[1]) : o.pixelSizeAngstrom();
    Double value = parse(label[0]);
    if (value == null || pixelSize == null) {
      return Stream.of(Parsed.bad("label and pixel size must be numbers (labels CSV or --pixel-size), got label="
          + label[0] + " pixelSize=" + pixelSize, ref, null));
    }
    Image payload = new Image(image.getWidth(), image.getHeight(), bits, pixels(raster, bits), pixelSize, value);
    Instant time = Files.getLastModifiedTime(file).toInstant();
    return Stream.of(Parsed.ok(Samples.of(o.task(), o.role(), ImportOptions.sourceOf(file), o.domain(), payload,
        time, Map.of("file", file.getFileName().toString())), ref));
  }

  /** An image whose header claims more pixels than a sample may hold; refused before decoding. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /**
   * Decodes the first image of the file, after checking the size its header claims: ImageIO would
   * allocate the whole raster first, so a 60-byte PNG claiming 100000×100000 pixels would exhaust the
   * heap. Null when no reader knows the format.
   */
  private static BufferedImage decode(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        int max = SampleValidator.MAX_IMAGE_SIDE;
        if (width <= 0 || height <= 0 || width > max || height > max) {
          throw new TooLarge("image header claims " + width + "×" + height + " pixels, larger than the " + max + "×"
              + max + " a sample may hold (or not positive)");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }

  private static ByteBuffer pixels(Raster raster, int bits) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    ByteBuffer out = ByteBuffer.allocate(w * h * (bits / 8));
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int v : row) {
        if (bits == 8) {
          out.put((byte) v);
        } else {
          out.putShort((short) v);
        }
      }
    }
    return out.flip();
  }

  /**
   * Rows of a labels CSV: by the file's path resolved against the CSV's folder, and by bare name when
   * that name is unique (so a flat CSV of names still works, but two images called 0001.png in
   * different folders never share a label).
   */
  private record Labels(Map<Path, String[]> byPath, Map<String, String[]> byName, java.util.Set<String> ambiguousNames) {}

  private synchronized Labels labels(Path csv) throws IOException {
    Labels cached = labelsByFile.get(csv);
    if (cached != null) {
      return cached;
    }
    Map<Path, String[]> byPath = new HashMap<>();
    Map<String, String[]> byName = new HashMap<>();
    java.util.Set<String> ambiguous = new java.util.HashSet<>();
    Path dir = csv.toAbsolutePath().getParent();
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      while (rows.hasNextValue()) {
        Map<String, String> row = rows.nextValue();
        String file = row.get("file");
        if (file == null || file.isBlank()) {
          continue;
        }
        String[] value = {row.getOrDefault("label", ""), row.getOrDefault("pixelSizeAngstrom", "")};
        Path path;
        try {
          path = dir.resolve(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
          continue; // a row naming no possible file (a NUL in the name) labels nothing
        }
        byPath.put(path, value);
        Path leaf = path.getFileName();
        if (leaf == null) {
          continue;
        }
        String name = leaf.toString();
        if (byName.put(name, value) != null) {
          ambiguous.add(name);
        }
      }
    }
    ambiguous.forEach(byName::remove);
    Labels labels = new Labels(byPath, byName, ambiguous);
    labelsByFile.put(csv, labels);
    return labels;
  }

  private static Double parse(String s) {
    try {
      return s == null ? null : Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
