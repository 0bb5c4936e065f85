package io.alignstream.ingest.gettext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The catalogs installed on the machine running the tests, and {@code msgunfmt}, the reference decoder.
 * Nothing here assumes a particular file exists: callers skip (visibly) when the list comes back empty.
 */
final class RealCatalogs {
  static final Path LOCALE_ROOT = Path.of("/usr/share/locale");
  static final Path MSGUNFMT = Path.of("/usr/bin/msgunfmt");

  /**
   * Catalogs worth checking first, each for a reason: plain UTF-8 (sed, grep), system-dependent strings
   * (coreutils, libc), contexts and major revision 1 (glib20), plurals (gtk20), and non-UTF-8 charsets
   * (ISO-8859-1, ISO-8859-8, EUC-JP, EUC-KR).
   */
  private static final List<String> INTERESTING = List.of(
      "fr/LC_MESSAGES/sed.mo", "fr/LC_MESSAGES/grep.mo", "fr/LC_MESSAGES/coreutils.mo", "de/LC_MESSAGES/libc.mo",
      "fr/LC_MESSAGES/glib20.mo", "nds/LC_MESSAGES/glib20.mo", "fr/LC_MESSAGES/gtk20.mo",
      "gl/LC_MESSAGES/tar.mo", "he/LC_MESSAGES/grep.mo", "ja/LC_MESSAGES/psmisc.mo", "ko/LC_MESSAGES/adduser.mo");

  private RealCatalogs() {}

  static List<Path> all() {
    if (!Files.isDirectory(LOCALE_ROOT)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(LOCALE_ROOT, 3)) {
      return files.filter(p -> p.toString().endsWith(".mo") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The interesting catalogs that exist here, plus {@code randomExtra} others drawn with a fixed seed. */
  static List<Path> sample(int randomExtra) {
    Set<Path> picked = new LinkedHashSet<>();
    for (String name : INTERESTING) {
      Path p = LOCALE_ROOT.resolve(name);
      if (Files.isRegularFile(p)) {
        picked.add(p);
      }
    }
    List<Path> all = new ArrayList<>(all());
    Random random = new Random(20240611L);
    for (int i = 0; i < randomExtra && !all.isEmpty(); i++) {
      picked.add(all.remove(random.nextInt(all.size())));
    }
    return List.copyOf(picked);
  }

  /** The smallest real catalog with a few entries, for mutation tests. */
  static Optional<Path> small() {
    return all().stream()
        .filter(p -> size(p) > 2_000 && size(p) < 20_000)
        .min(Comparator.comparingLong(RealCatalogs::size).thenComparing(Comparator.naturalOrder()));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  static boolean msgunfmtAvailable() {
    return Files.isExecutable(MSGUNFMT);
  }

  /** {@code msgunfmt --no-wrap FILE} as raw bytes; fails the test on a non-zero exit or after 60 s. */
  static byte[] msgunfmt(Path mo, Path workDir) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "msgunfmt", ".po");
    Path err = Files.createTempFile(workDir, "msgunfmt", ".err");
    Process process = new ProcessBuilder(MSGUNFMT.toString(), "--no-wrap", mo.toString())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("msgunfmt did not finish within 60 s on " + mo);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("msgunfmt failed on " + mo + ": " + Files.readString(err));
    }
    return Files.readAllBytes(out);
  }
}
