package io.alignstream.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alignstream.ingest.fuzz.Fuzz;
import io.alignstream.ingest.fuzz.Mutator;
import io.alignstream.ingest.generate.PngWriter;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes every {@code bin/alignstream ingest --format} with mutated real inputs: each file gives items,
 * each bad item a reason, each good item a sample the importer can validate and Kafka can store; no
 * exception escapes but the documented unreadable-file {@link IOException}, no parse hangs (each is
 * bounded) and malicious sizes are refused before they are allocated.
 */
@Tag("fuzz")
class FileFormatsFuzzTest {
  static final Duration BOUND = Duration.ofSeconds(20);
  private static final AtomicInteger FILES = new AtomicInteger();
  private static Path dir;
  private static byte[] po;
  private static byte[] mo;
  private static byte[] png8;
  private static byte[] png16;
  private static byte[] tiff;
  private static String swanSf;
  private static String jsocJson;

  static final String JSONL = String.join("\n",
      "{\"task\":\"mt.en-fr\",\"source\":\"f\",\"payload\":{\"type\":\"TextPair\",\"src\":\"Open\",\"tgt\":\"Ouvrir\","
          + "\"srcLang\":\"en\",\"tgtLang\":\"fr\"},\"eventTime\":\"2026-11-22T10:00:00Z\"}",
      "{\"src\":\"Save %s\",\"tgt\":\"Enregistrer %s\",\"domain\":\"git\",\"eventTime\":\"2026-11-22T10:00:00Z\"}",
      "",
      "{\"src\":\"Quit\",\"tgt\":\"Quitter\",\"metadata\":{\"a\":1}}",
      "{\"task\":\"mt.en-fr\",\"payload\":{\"type\":\"TextPair\",\"src\":\"Close\",\"tgt\":\"Fermer\",\"srcLang\":\"en\","
          + "\"tgtLang\":\"fr\"},\"eventTime\":1764000000000}");
  static final String CSV = """
      src,tgt,domain,eventTime
      Open,Ouvrir,git,2026-11-22T10:00:00Z
      "Save, all","Tout enregistrer",git,2026-11-22T10:00:00Z
      "Line ""one""
      two",Deux,postgres,
      Quit,Quitter,,2026-11-22T10:00:00Z
      """;
  static final String FEATURES_CSV = """
      USFLUX,MEANGAM,R_VALUE,label,domain
      6.51e21,28.3,3.343,1,harp-1
      6.49e21,,3.301,0,harp-1
      1e22,NaN,MISSING,1,harp-2
      """;
  static final String JSOC_CSV = """
      T_REC,HARPNUM,NOAA_ARS,NOAA_NUM,USFLUX,MEANGAM,TOTUSJH,R_VALUE
      2010.05.01_00:00:00_TAI,1,11067,1,6.510776e+21,28.3,270.9,3.343
      2010.05.01_00:12:00_TAI,1,"11067,11068",2,6.498e+21,28.1,MISSING,3.301
      """;

  @BeforeContainer
  static void seeds() throws IOException {
    dir = Files.createTempDirectory("ingest-fuzz");
    po = Files.readAllBytes(Path.of("src/test/resources/gettext/features.po"));
    mo = moFile(List.of(new String[] {"", "Content-Type: text/plain; charset=UTF-8\n"},
        new String[] {"Hello, %s!", "Bonjour, %s !"}, new String[] {"menu\u0004File", "Fichier"},
        new String[] {"%d file copied\u0000%d files copied", "%d fichier copié\u0000%d fichiers copiés"},
        new String[] {"Untranslated", ""}));
    png8 = image(8, "png");
    png16 = image(16, "png");
    tiff = image(16, "tiff");
    swanSf = Files.readString(Path.of("src/test/resources/solar/swan-sf/partition1/FL/"
        + "M1.0@265_Primary_ar115_s2010-07-16T124800_e2010-07-17T003600.csv"));
    jsocJson = Files.readString(Path.of("../../shared/data/solar/jsoc-rs_list.sample.json"));
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // --- the properties, one per format --------------------------------------------------------------

  @Fuzz
  void gettextPo(@ForAll("randoms") Random r) throws IOException {
    byte[] bytes = r.nextInt(3) == 0 ? Mutator.mutateRows(new String(po, StandardCharsets.UTF_8), ' ', r)
        .getBytes(StandardCharsets.UTF_8) : Mutator.mutate(po, r);
    check(Formats.Name.gettext, write("fr/LC_MESSAGES/app.po", bytes), options("mt.en-fr"));
  }

  @Fuzz
  void gettextMo(@ForAll("randoms") Random r) throws IOException {
    check(Formats.Name.gettext, write("fr/LC_MESSAGES/app.mo", Mutator.mutate(mo, r)), options("mt.en-fr"));
  }

  @Fuzz
  void jsonLines(@ForAll("randoms") Random r) throws IOException {
    String text = r.nextBoolean() ? Mutator.mutateRows(JSONL, ',', r) : JSONL;
    byte[] bytes = r.nextInt(3) == 0 ? text.getBytes(StandardCharsets.UTF_8)
        : Mutator.mutate(text.getBytes(StandardCharsets.UTF_8), r);
    Path file = write("samples.jsonl", bytes);
    List<Parsed<Sample>> items = check(Formats.Name.jsonl, file, options("mt.en-fr"));
    // One item per non-blank line: a broken line costs only itself.
    assertThat(items).hasSize(nonBlankLines(bytes));
  }

  @Fuzz
  void csvTextPairs(@ForAll("randoms") Random r) throws IOException {
    String name = r.nextBoolean() ? "pairs.csv" : "pairs.tsv";
    String text = name.endsWith(".tsv") ? CSV.replace(',', '\t') : CSV;
    text = r.nextBoolean() ? Mutator.mutateRows(text, name.endsWith(".tsv") ? '\t' : ',', r) : text;
    check(Formats.Name.csv, write(name, Mutator.mutate(text.getBytes(StandardCharsets.UTF_8), r)),
        options("mt.en-fr"));
  }

  @Fuzz
  void csvFeatures(@ForAll("randoms") Random r) throws IOException {
    String text = r.nextBoolean() ? Mutator.mutateRows(FEATURES_CSV, ',', r) : FEATURES_CSV;
    byte[] bytes = r.nextBoolean() ? text.getBytes(StandardCharsets.UTF_8)
        : Mutator.mutate(text.getBytes(StandardCharsets.UTF_8), r);
    check(Formats.Name.csv, write("features.csv", bytes), options("solar.flare24h"));
  }

  @Fuzz(weight = 0.5)
  void imagePng(@ForAll("randoms") Random r) throws IOException {
    byte[] seed = r.nextBoolean() ? png8 : png16;
    checkImage("img.png", r.nextInt(4) == 0 ? fixPngCrcs(Mutator.mutate(seed, r)) : Mutator.mutate(seed, r), r);
  }

  @Fuzz(weight = 0.5)
  void imageTiff(@ForAll("randoms") Random r) throws IOException {
    checkImage("img.tiff", Mutator.mutate(tiff, r), r);
  }

  @Fuzz
  void swanSf(@ForAll("randoms") Random r) throws IOException {
    String text = r.nextBoolean() ? Mutator.mutateRows(swanSf, '\t', r) : swanSf;
    byte[] bytes = r.nextBoolean() ? text.getBytes(StandardCharsets.UTF_8)
        : Mutator.mutate(text.getBytes(StandardCharsets.UTF_8), r);
    String[] names = {"M1.0@265_Primary_ar115_s2010-07-16T124800_e2010-07-17T003600.csv",
        "NF_ar1_s2010-07-16T12_48_00_e2010-07-17T00_36_00.csv", "X9.9_ar2147483647_s2010-07-16T1248_e2010-07-16T1248.csv",
        "FQ_ar0_s2010-07-16T12:48:00_e2010-07-15T00:36:00.csv", "junk.csv"};
    String name = names[r.nextInt(names.length)];
    check(Formats.Name.swan_sf, write("Partition1/" + (r.nextBoolean() ? "FL/" : "") + name, bytes),
        options("solar.flare24h"));
  }

  @Fuzz
  void jsocJson(@ForAll("randoms") Random r) throws IOException {
    String text = Mutator.mutateJson(jsocJson, r);
    check(Formats.Name.jsoc_json, write("sharp.json", text.getBytes(StandardCharsets.UTF_8)), options("solar.flare24h"));
  }

  @Fuzz
  void jsocCsv(@ForAll("randoms") Random r) throws IOException {
    String text = r.nextBoolean() ? Mutator.mutateRows(JSOC_CSV, ',', r) : JSOC_CSV;
    byte[] bytes = r.nextBoolean() ? text.getBytes(StandardCharsets.UTF_8)
        : Mutator.mutate(text.getBytes(StandardCharsets.UTF_8), r);
    check(Formats.Name.jsoc_csv, write("sharp.csv", bytes), options("solar.flare24h"));
  }

  @Provide
  Arbitrary<Random> randoms() {
    return Mutator.randoms();
  }

  // --- what every format must do ----------------------------------------------------------------------

  /**
   * Reads the file as the importer does, bounded in time: the items of the file (or none when the
   * file as a whole is unreadable, the documented IOException the importer turns into one bad item).
   */
  static List<Parsed<Sample>> check(Formats.Name name, Path file, ImportOptions options) {
    return assertTimeoutPreemptively(BOUND, () -> {
      SampleFormat format = Formats.of(name);
      List<Parsed<Sample>> items;
      try (Stream<Parsed<Sample>> stream = format.read(file, options)) {
        items = stream.toList();
      } catch (IOException e) {
        assertThat(e.getMessage()).as("reason for an unreadable file").isNotBlank();
        return List.of();
      }
      for (Parsed<Sample> item : items) {
        assertThat(item).isNotNull();
        assertThat(item.sourceRef()).isNotBlank();
        if (!item.isOk()) {
          assertThat(item.error()).as("reason of a rejected record").isNotBlank();
          continue;
        }
        List<String> errors = SampleValidator.validate(item.value());
        assertThat(errors).allSatisfy(e -> assertThat(e).contains(": "));
        if (errors.isEmpty()) {
          io.alignstream.ingest.fuzz.AvroRoundTrip.assertSame(item.value());
        }
      }
      return items;
    }, () -> "parsing " + name + " " + file + " hung");
  }

  private static void checkImage(String name, byte[] bytes, Random r) throws IOException {
    Path image = write(name, bytes);
    byte[] rows = ("file,label,pixelSizeAngstrom\n" + image.getFileName() + ","
        + (r.nextBoolean() ? "2.5" : new String[] {"NaN", "", "1e400", "x", "-0"}[r.nextInt(5)]) + ",0.5\n")
        .getBytes(StandardCharsets.UTF_8);
    Path labels = write("labels.csv", r.nextInt(4) == 0 ? Mutator.mutate(rows, r) : rows);
    check(Formats.Name.image, image, new ImportOptions("stem.size", Role.POOL, null, Map.of(), List.of(), null, null,
        labels, null, null, null));
  }

  static ImportOptions options(String task) {
    return new ImportOptions(task, Role.POOL, null, Map.of(), List.of(), null, null, null, null, null, null);
  }

  /** Writes under a fresh folder per file (the format may cache by path); removed after the try. */
  static Path write(String relative, byte[] bytes) throws IOException {
    Path folder = dir.resolve("t" + FILES.incrementAndGet());
    CREATED.add(folder);
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return file;
  }

  private static final List<Path> CREATED = new ArrayList<>();

  @AfterTry
  void removeTheTrysFiles() throws IOException {
    for (Path folder : CREATED) {
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    CREATED.clear();
  }

  private static int nonBlankLines(byte[] bytes) {
    // BufferedReader's line ends: \n, \r, \r\n; blank = only whitespace (as String.isBlank after decoding).
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int count = 0;
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (!new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).isBlank()) {
        count++;
      }
    }
    return count;
  }

  // --- seeds -------------------------------------------------------------------------------------------

  private static byte[] image(int bits, String format) throws IOException {
    int w = 5;
    int h = 3;
    int[] levels = new int[w * h];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (i * 4099) % (1 << bits);
    }
    if (format.equals("png")) {
      Path file = Files.createTempFile(dir, "seed", ".png");
      PngWriter.writeGray(file, w, h, levels, bits);
      return Files.readAllBytes(file);
    }
    BufferedImage image = new BufferedImage(w, h, bits == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setPixels(0, 0, w, h, levels);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  /** A little-endian revision-0 .mo file of (original, translation) pairs, sorted as msgfmt sorts them. */
  static byte[] moFile(List<String[]> pairs) {
    List<String[]> sorted = new ArrayList<>(pairs);
    sorted.sort(java.util.Comparator.comparing(p -> p[0]));
    int n = sorted.size();
    int originals = 28;
    int translations = originals + 8 * n;
    int strings = translations + 8 * n;
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ByteBuffer tables = ByteBuffer.allocate(16 * n).order(ByteOrder.LITTLE_ENDIAN);
    int[][] at = new int[2 * n][];
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < n; i++) {
        byte[] s = sorted.get(i)[k].getBytes(StandardCharsets.UTF_8);
        at[k * n + i] = new int[] {s.length, strings + text.size()};
        text.write(s, 0, s.length);
        text.write(0);
      }
    }
    for (int[] entry : at) {
      tables.putInt(entry[0]).putInt(entry[1]);
    }
    ByteBuffer header = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0x950412de).putInt(0).putInt(n).putInt(originals).putInt(translations).putInt(0).putInt(strings);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header.array(), 0, 28);
    out.write(tables.array(), 0, tables.capacity());
    byte[] t = text.toByteArray();
    out.write(t, 0, t.length);
    return out.toByteArray();
  }

  /** Recomputes the chunk CRCs so a mutation reaches the chunk parsers instead of the CRC check. */
  static byte[] fixPngCrcs(byte[] png) {
    byte[] out = png.clone();
    int i = 8;
    while (i + 12 <= out.length) {
      int length = ByteBuffer.wrap(out, i, 4).getInt();
      if (length < 0 || i + 12L + length > out.length) {
        break;
      }
      CRC32 crc = new CRC32();
      crc.update(out, i + 4, 4 + length);
      ByteBuffer.wrap(out, i + 8 + length, 4).putInt((int) crc.getValue());
      i += 12 + length;
    }
    return out;
  }

  // --- malicious sizes and regressions -----------------------------------------------------------------

  /** A .mo header claiming 2^31 strings in a 28-byte file: one bad item, nothing allocated for them. */
  @Example
  void moClaimingTwoBillionStringsIsOneBadItem() throws IOException {
    byte[] bytes = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0x950412de).putInt(0).putInt(0x80000000).putInt(28).putInt(28).putInt(0).putInt(0).array();
    List<Parsed<Sample>> items = check(Formats.Name.gettext, write("fr/LC_MESSAGES/huge.mo", bytes), options("mt.en-fr"));
    assertThat(items).singleElement().satisfies(p -> assertThat(p.error()).contains("beyond file size"));
  }

  /** Bug: a PNG claiming 100000×100000 pixels was decoded (OutOfMemoryError); its header alone now rejects it. */
  @Example
  void pngClaimingHugeDimensionsIsRejectedFromItsHeader() throws IOException {
    byte[] bytes = pngHeader(100_000, 100_000, 8);
    Path image = write("huge.png", bytes);
    Path labels = write("labels.csv", ("file,label,pixelSizeAngstrom\n" + image.getFileName() + ",1,0.5\n")
        .getBytes(StandardCharsets.UTF_8));
    List<Parsed<Sample>> items = check(Formats.Name.image, image, new ImportOptions("stem.size", Role.POOL, null, Map.of(),
        List.of(), null, null, labels, null, null, null));
    assertThat(items).singleElement().satisfies(p -> assertThat(p.error()).contains("100000×100000"));
  }

  /** A PNG of 40000×40000 (1.6 GB of pixels, past the heap): rejected before decoding too. */
  @Example
  void pngLargerThanTheHeapIsRejectedFromItsHeader() throws IOException {
    Path image = write("big.png", pngHeader(40_000, 40_000, 8));
    Path labels = write("labels.csv", ("file,label\n" + image.getFileName() + ",1\n").getBytes(StandardCharsets.UTF_8));
    List<Parsed<Sample>> items = check(Formats.Name.image, image, new ImportOptions("stem.size", Role.POOL, null, Map.of(),
        List.of(), null, null, labels, 0.5, null, null));
    assertThat(items).singleElement().satisfies(p -> assertThat(p.error()).contains("larger than"));
  }

  /** A PNG signature and IHDR only, with a correct CRC, then an empty IDAT and IEND. */
  static byte[] pngHeader(int width, int height, int bits) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bits).put((byte) 0)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
        .put(data);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 4, 4 + data.length);
    b.putInt((int) crc.getValue());
    out.writeBytes(b.array());
  }

  /** Bug: a gettext file named without an extension crashed the import (StringIndexOutOfBoundsException). */
  @Example
  void gettextFileWithoutAnExtensionIsRead() throws IOException {
    List<Parsed<Sample>> items = check(Formats.Name.gettext, write("fr/LC_MESSAGES/catalog", po), options("mt.en-fr"));
    assertThat(items).isNotEmpty().allSatisfy(p -> assertThat(p.isOk()).isTrue());
  }

  /** Bug: one line of invalid UTF-8 in a JSON-lines file lost every line after it; now only it is rejected. */
  @Example
  void jsonLinesWithInvalidUtf8RejectOnlyThatLine() throws IOException {
    String[] lines = JSONL.split("\n");
    byte[] bad = {'{', '"', 's', 'r', 'c', '"', ':', '"', (byte) 0xc3, '"', '}'};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((lines[0] + "\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bad);
    out.writeBytes(("\n" + lines[1] + "\n" + lines[3] + "\n").getBytes(StandardCharsets.UTF_8));
    List<Parsed<Sample>> items = check(Formats.Name.jsonl, write("bad-utf8.jsonl", out.toByteArray()), options("mt.en-fr"));
    assertThat(items).hasSize(4);
    assertThat(items.get(1).error()).contains("not valid UTF-8");
    assertThat(items.get(1).sourceRef()).endsWith(":2");
    assertThat(items.get(2).isOk()).isTrue();
    assertThat(items.get(3).isOk()).isTrue();
  }

  /** Bug: a CSV row Jackson cannot read (unterminated quote, bad UTF-8) silently ended the file. */
  @Example
  void csvWithAnUnreadableRowSaysSo() throws IOException {
    byte[] bytes = "src,tgt\nOpen,Ouvrir\nSave,\"Enregistrer\n".getBytes(StandardCharsets.UTF_8);
    List<Parsed<Sample>> items = check(Formats.Name.csv, write("broken.csv", bytes), options("mt.en-fr"));
    assertThat(items).hasSize(2);
    assertThat(items.get(0).isOk()).isTrue();
    assertThat(items.get(1).error()).startsWith("bad CSV");

    // Bug: a cell that is not UTF-8 made the whole file unreadable; now only its row is rejected.
    byte[] utf8 = "src,tgt\nOpen,Ouvrir\nSave,\u00c3\nQuit,Quitter\n".getBytes(StandardCharsets.ISO_8859_1);
    List<Parsed<Sample>> more = check(Formats.Name.csv, write("latin1.csv", utf8), options("mt.en-fr"));
    assertThat(more).hasSize(3);
    assertThat(more.get(1).error()).contains("not valid UTF-8");
    assertThat(more.get(0).isOk()).isTrue();
    assertThat(more.get(2).isOk()).isTrue();
    assertThat(((io.alignstream.schemas.sample.TextPair) more.get(0).value().getPayload()).getTgt()).isEqualTo("Ouvrir");
  }

  /** Bug: a labels CSV row with a NUL in the file name crashed the import (InvalidPathException). */
  @Example
  void labelsRowNamingAnImpossiblePathIsIgnored() throws IOException {
    Path image = write("ok.png", png8);
    Path labels = write("labels.csv", ("file,label,pixelSizeAngstrom\nbad\u0000name.png,1,0.5\n" + image.getFileName()
        + ",2,0.5\n").getBytes(StandardCharsets.UTF_8));
    List<Parsed<Sample>> items = check(Formats.Name.image, image, new ImportOptions("stem.size", Role.POOL, null, Map.of(),
        List.of(), null, null, labels, null, null, null));
    assertThat(items).singleElement().satisfies(p -> assertThat(p.isOk()).isTrue());
  }

  /** A JSOC or SWAN-SF file that is not UTF-8 is unreadable as a whole, and the reason says why. */
  @Example
  void solarFileThatIsNotUtf8SaysSo() throws IOException {
    Path file = write("sharp.csv", "T_REC,HARPNUM\n2010.05.01_00:00:00_TAI,\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Formats.of(Formats.Name.jsoc_csv).read(file,
        options("solar.flare24h"))).isInstanceOf(IOException.class).hasMessageContaining("not valid UTF-8");
  }

  /** JSOC CSV cells full of quotes used to take quadratic time; a 2 MB one is read at once. */
  @Example
  void delimitedTextWithManyQuotesIsLinear() throws IOException {
    String cell = "a" + "\"".repeat(2_000_000);
    byte[] bytes = ("T_REC,HARPNUM\n2010.05.01_00:00:00_TAI," + cell + "\n").getBytes(StandardCharsets.UTF_8);
    List<Parsed<Sample>> items = check(Formats.Name.jsoc_csv, write("quotes.csv", bytes), options("solar.flare24h"));
    assertThat(items).singleElement().satisfies(p -> assertThat(p.error()).contains("HARPNUM"));
  }
}
