package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  @Test
  void shouldMatchTheReferenceMurmur3X64128Value() {
    // the published MurmurHash3_x64_128 vector (seed 0): pins the hash against any accidental change
    assertThat(ContentHash.of("The quick brown fox jumps over the lazy dog").toHex())
        .isEqualTo("e34bbc7bbc071b6c7a433ca9c49a9347");
    assertThat(ContentHash.of(new byte[0]).toHex()).isEqualTo("0".repeat(32));
    assertThat(ContentHash.of("é")).isEqualTo(ContentHash.of("é".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldMatchTheReferenceSha256Values() {
    assertThat(ContentHash.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ContentHash.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void shouldHashCanonicallyEqualTextsEquallyAndOthersApart() {
    String composed = "caf\u00e9  au lait\n";
    String decomposed = "cafe\u0301 au\u00a0lait";

    assertThat(ContentHash.of(composed)).as("raw bytes differ").isNotEqualTo(ContentHash.of(decomposed));
    assertThat(ContentHash.ofText(composed, TextNormalizer.CASE_PRESERVING))
        .isEqualTo(ContentHash.ofText(decomposed, TextNormalizer.CASE_PRESERVING));
    assertThat(ContentHash.ofText("Café au lait", TextNormalizer.CASE_PRESERVING))
        .isNotEqualTo(ContentHash.ofText(composed, TextNormalizer.CASE_PRESERVING));
    assertThat(ContentHash.ofText("Café au lait", TextNormalizer.LOWER_CASE))
        .isEqualTo(ContentHash.ofText(composed, TextNormalizer.LOWER_CASE));
    assertThat(ContentHash.of("a")).isNotEqualTo(ContentHash.of("b"));
  }

  @Test
  void shouldRoundTripThroughHexAndBytes() {
    ContentHash hash = ContentHash.of("round trip");

    assertThat(ContentHash.fromHex(hash.toHex())).isEqualTo(hash);
    assertThat(ContentHash.fromBytes(hash.toBytes())).isEqualTo(hash);
    assertThat(hash.toBytes()).hasSize(ContentHash.BYTES);
    assertThat(hash.toString()).isEqualTo(hash.toHex()).hasSize(32);
    assertThatThrownBy(() -> ContentHash.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContentHash.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
  }
}
