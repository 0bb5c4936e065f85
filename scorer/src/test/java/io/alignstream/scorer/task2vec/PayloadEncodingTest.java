package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload kinds, tokenisation and standardisation feeding the probes. */
class PayloadEncodingTest {

    @Test
    void shouldMapEveryPayloadTypeToItsProbeKind() {
        assertThat(ProbeKind.of(new TextPair("a", "b", "en", "fr"))).isEqualTo(ProbeKind.TEXT);
        assertThat(ProbeKind.of(new Text("a"))).isEqualTo(ProbeKind.TEXT);
        assertThat(ProbeKind.of(new Features(List.of("x"), List.of(1.0), null))).isEqualTo(ProbeKind.FEATURES);
        assertThat(ProbeKind.of(new Image(1, 1, 8, ByteBuffer.wrap(new byte[1]), 1.0, null))).isEqualTo(ProbeKind.IMAGE);
        assertThatThrownBy(() -> ProbeKind.of("plain string")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHashLowerCasedWordsAndSeparateSourceFromTarget() {
        HashedTokenizer tokenizer = new HashedTokenizer(512, 32);
        int[] pair = tokenizer.tokenize(new TextPair("Open File", "ouvrir fichier", "en", "fr"));
        int[] text = tokenizer.tokenize(new Text("open file"));

        assertThat(pair).hasSize(5);
        assertThat(pair[2]).isEqualTo(HashedTokenizer.SEP);
        assertThat(new int[] {pair[0], pair[1]}).containsExactly(text);
        assertThat(java.util.Arrays.stream(pair).allMatch(id -> id >= 0 && id < 512)).isTrue();
        assertThat(tokenizer.tokenize(new Text("  "))).isEmpty();
    }

    @Test
    void shouldKeepRoomForBothSidesOfALongPair() {
        HashedTokenizer tokenizer = new HashedTokenizer(512, 9);
        int[] ids = tokenizer.tokenize(new TextPair("a b c d e f g h i j", "k l m n o p", "en", "fr"));
        assertThat(ids).hasSize(9);
        assertThat(ids[4]).isEqualTo(HashedTokenizer.SEP);
    }

    @Test
    void shouldStandardiseSignedLogFeaturesMatchingByNameWithMissingAsZero() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(
                new Features(List.of("a", "b"), List.of(0.0, -1.0), 1.0),
                new Features(List.of("a", "b"), List.of(Math.E - 1, -1.0), 0.0)));

        assertThat(encoder.mean()[0]).isCloseTo(0.5, within(1e-12));
        assertThat(encoder.std()[1]).isEqualTo(1.0); // constant feature
        float[] z = encoder.encode(new Features(List.of("b", "a"), List.of(Double.NaN, Math.E - 1), null));
        assertThat(z[0]).isCloseTo((float) (0.5 / Math.sqrt(0.5)), within(1e-6f));
        assertThat(z[1]).isZero();
        assertThat(encoder.encode(new Features(List.of("a"), List.of(0.0), null))[1]).isZero();
    }

    @Test
    void shouldDecodeBigEndianSixteenBitPixelsAndAverageAreasWhenDownscaling() {
        ByteBuffer px = ByteBuffer.allocate(4 * 4 * 2);
        for (int i = 0; i < 16; i++) {
            px.putShort((short) (i < 8 ? 65535 : 0)); // top half white, bottom half black
        }
        px.flip();
        Image image = new Image(4, 4, 16, px, 1.0, 2.0);
        ImageEncoder raw = new ImageEncoder(2, 0, 1);

        assertThat(raw.encode(image)).containsExactly(1f, 1f, 0f, 0f);
        assertThat(new ImageEncoder(4, 0, 1).encode(new Image(8, 4, 8, ByteBuffer.wrap(new byte[32]), 1.0, null)))
                .hasSize(16);
        assertThat(ImageEncoder.rejection(new Image(4, 4, 16, ByteBuffer.wrap(new byte[3]), 1.0, null))).isPresent();
    }

    @Test
    void shouldExplainWhyAProbeRejectsAPayload() {
        try (Probe probe = new ProbeTrainer().train(ProbeKind.TEXT, SyntheticPayloads.textPairs(16, 1, 0),
                ProbeConfig.ciSized().withEpochs(1))) {
            assertThat(probe.rejection(new Text("fine text"))).isEmpty();
            assertThat(probe.rejection(new Text(" "))).contains("text has no tokens");
            assertThat(probe.rejection(new Features(List.of(), List.of(), null))).get().asString().contains("FEATURES");
            assertThatThrownBy(() -> probe.embed(List.of(new Text("ok"), new Text(""))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payload 1");
        }
    }
}
