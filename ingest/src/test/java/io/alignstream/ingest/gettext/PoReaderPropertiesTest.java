package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text arrives, the .po reader returns a result per entry and never throws. Edits splice in the
 * characters and words that steer the parser (quotes, backslashes, line breaks, keywords, comment marks)
 * into a file that uses every feature, so most inputs are nearly valid and reach deep into the grammar.
 */
class PoReaderPropertiesTest {
  private static final String SEED = seed();
  private static final List<String> TOKENS = List.of("\"", "\\", "\n", "\r\n", " ", "#", "#,", "#~", "#|",
      "msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[0] ", "msgstr[1] ", "msgstr[7] ", "\\x", "\\377",
      "fuzzy", "charset=ISO-8859-1", "charset=nope", "\u00e9", "\u0000", "\"\"");

  /** Replace {@code length} characters at {@code position} (modulo the text length) by {@code token}. */
  record Edit(int position, int length, String token) {
    String apply(String text) {
      int at = text.isEmpty() ? 0 : position % text.length();
      return text.substring(0, at) + token + text.substring(Math.min(text.length(), at + length));
    }
  }

  @Property(tries = 500)
  void shouldNeverThrowOnEditedPoText(@ForAll("edits") List<Edit> edits) {
    String text = SEED;
    for (Edit edit : edits) {
      text = edit.apply(text);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    List<Parsed<CatalogEntry>> items = new PoReader().read(bytes, "fuzz.po");

    assertThat(items.size()).isLessThanOrEqualTo(text.split("\n", -1).length);
    assertThat(items).allSatisfy(p -> {
      assertThat(p.isOk()).isEqualTo(p.value() != null);
      assertThat(p.sourceRef()).startsWith("fuzz.po");
    });
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(3));
    return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
        Arbitraries.integers().between(0, 4), token).as(Edit::new).list().ofMinSize(1).ofMaxSize(8);
  }

  private static String seed() {
    try {
      return new String(PoReaderTest.resource("features.po"), StandardCharsets.UTF_8) + "\n"
          + new String(PoReaderTest.resource("broken.po"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
