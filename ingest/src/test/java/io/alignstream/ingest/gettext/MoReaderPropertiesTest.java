package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alignstream.ingest.gettext.MoWriter.Message;
import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the .mo reader returns results (each either a value or a reason, no more than
 * the file has room for) quickly and never throws. Mutations start from a real catalog of this machine
 * when there is one (the shapes real files have), else from one we write, and favour the header and
 * tables, where a wrong byte changes how everything after it is read.
 */
class MoReaderPropertiesTest {
  private static final Duration QUICKLY = Duration.ofSeconds(2);
  private static final byte[] SEED = seed();

  /** One edit: a byte anywhere, or a 32-bit word at a 4-aligned position (counts, offsets, lengths). */
  record Mutation(int position, int value, boolean word) {
    void apply(byte[] bytes) {
      if (bytes.length == 0) {
        return;
      }
      int at = position % bytes.length;
      if (word && bytes.length >= 4) {
        int aligned = Math.min(at & ~3, bytes.length - 4);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(aligned, value);
      } else {
        bytes[at] = (byte) value;
      }
    }
  }

  @Property(tries = 300)
  void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 4096) byte[] bytes) {
    assertReadsSafely(bytes);
  }

  @Property(tries = 300)
  void shouldNeverThrowOnRandomBytesBehindAValidMagic(@ForAll @Size(min = 4, max = 4096) byte[] bytes) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, MoFile.MAGIC);
    assertReadsSafely(bytes);
  }

  @Property(tries = 500)
  void shouldNeverThrowOnMutatedRealCatalog(@ForAll("mutations") List<Mutation> mutations,
      @ForAll @IntRange(min = 0, max = 100) int keepPercent) {
    byte[] bytes = SEED.clone();
    mutations.forEach(m -> m.apply(bytes));
    int keep = keepPercent >= 90 ? bytes.length : (int) ((long) bytes.length * keepPercent / 90);
    assertReadsSafely(Arrays.copyOf(bytes, keep));
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Integer> headerOrTable = Arbitraries.integers().between(0, 255);
    Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<Integer> position = Arbitraries.frequencyOf(
        Tuple.of(3, headerOrTable), Tuple.of(1, anywhere));
    Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.integers(),
        Arbitraries.of(0, 1, -1, 0x7fffffff, SEED.length, SEED.length - 1, SEED.length / 2, 0x04, 0x00));
    return Combinators.combine(position, value, Arbitraries.of(true, false)).as(Mutation::new)
        .list().ofMinSize(1).ofMaxSize(6);
  }

  private static void assertReadsSafely(byte[] bytes) {
    List<Parsed<CatalogEntry>> items = assertTimeoutPreemptively(QUICKLY,
        () -> new MoReader().read(bytes, "fuzz.mo"));
    // Bounded by the file, not by the counts it claims: at most one result per table slot.
    assertThat(items.size()).isLessThanOrEqualTo(bytes.length / 2 + 2);
    assertThat(items).allSatisfy(p -> assertThat(p.isOk()).isEqualTo(p.value() != null));
  }

  private static byte[] seed() {
    return RealCatalogs.small().map(MoReaderPropertiesTest::readAll).orElseGet(() -> MoWriter.write(
        List.of(MoWriter.header("UTF-8"), Message.of("a", "b"),
            new Message("ctx", "%d file", "%d files", List.of("%d fichier", "%d fichiers"))),
        List.of(Message.of("%<PRIu64> x", "%<PRIu64> y")), StandardCharsets.UTF_8, ByteOrder.LITTLE_ENDIAN, 1));
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
