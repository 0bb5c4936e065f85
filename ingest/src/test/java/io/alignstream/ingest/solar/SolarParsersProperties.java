package io.alignstream.ingest.solar;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** No input, however broken, makes a parser throw; every item keeps the Parsed contract. */
class SolarParsersProperties {
  private static final List<SolarParser<?>> PARSERS = List.of(new JsocRsListParser(), new JsocCsvParser(),
      new SwanSfParser(), new HarpNoaaMappingParser(), new SwpcXraysParser(), new SwpcFlaresParser(),
      new SwpcRegionsParser(), new DonkiFlrParser());
  private static final List<String> REFS = List.of("feed",
      "Partition1/FL/M1.0@265:Primary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv");

  @Property
  void shouldNeverThrowOnRandomStrings(@ForAll @StringLength(max = 300) String content) {
    parseWithAll(content);
  }

  @Property
  void shouldNeverThrowOnRandomJsonAndCsvPunctuation(@ForAll @StringLength(max = 200)
      @Chars({'{', '}', '[', ']', '"', ':', ',', '\t', '\n', '0', '1', '.', 'e', '-', 'T', 'n', 'u', 'l', '<'})
      String content) {
    parseWithAll(content);
  }

  @Property(tries = 2000)
  void shouldNeverThrowOnMutatedFixtures(@ForAll("mutatedFixtures") String content) {
    parseWithAll(content);
  }

  @Provide
  Arbitrary<String> mutatedFixtures() {
    Arbitrary<String> fixture = Arbitraries.of(fixtures());
    return Combinators.combine(fixture, Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
        Arbitraries.doubles().between(0, 1), Arbitraries.strings().ofMaxLength(8)
            .withChars("{}[]\":,\t\n0-.eUnkMISSINGnull<>")).as(SolarParsersProperties::mutate);
  }

  /** One mutation: truncate, cut a range, insert junk, replace a character, or duplicate a slice. */
  private static String mutate(String text, int kind, double a, double b, String junk) {
    int i = (int) (a * text.length());
    int j = Math.min(text.length(), i + (int) (b * 40));
    return switch (kind) {
      case 0 -> text.substring(0, i);
      case 1 -> text.substring(0, i) + text.substring(j);
      case 2 -> text.substring(0, i) + junk + text.substring(i);
      case 3 -> text.substring(0, i) + (junk.isEmpty() ? "" : junk.substring(0, 1)) + text.substring(Math.min(
          text.length(), i + 1));
      default -> text.substring(0, j) + text.substring(i, j) + text.substring(j);
    };
  }

  private static List<String> fixtures() {
    List<String> texts = new ArrayList<>(List.of(SolarFixtures.swanResource()));
    // Without the shared fixtures the property still runs on the SWAN-SF resource.
    if (Files.isDirectory(SolarFixtures.DIR)) {
      try (Stream<Path> files = Files.list(SolarFixtures.DIR)) {
        for (Path file : files.filter(f -> !f.toString().endsWith(".md")).sorted().toList()) {
          texts.add(Files.readString(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }

  private static void parseWithAll(String content) {
    for (SolarParser<?> parser : PARSERS) {
      for (String ref : REFS) {
        List<? extends Parsed<?>> items = parser.parse(content, ref);
        assertThat(items).isNotNull().doesNotContainNull();
        for (Parsed<?> item : items) {
          assertThat(item.isOk() ? item.value() != null : item.error() != null && !item.error().isBlank())
              .as("well-formed item %s", item).isTrue();
        }
      }
    }
  }
}
