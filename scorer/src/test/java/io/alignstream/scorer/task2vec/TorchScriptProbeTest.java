package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Features;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's TorchScript probe (resource made by make_torchscript_probe.py) gives per-sample Fisher embeddings. */
class TorchScriptProbeTest {

    @Test
    void shouldEmbedWithAllLayersButTheHeadOfAUserTorchScriptProbe() throws URISyntaxException {
        Path model = Path.of(getClass().getResource("/task2vec/features_mlp.pt").toURI());
        List<Object> reference = SyntheticPayloads.features(40, 18, 1, 0);
        List<Object> batch = SyntheticPayloads.features(5, 18, 2, 0.5);

        try (Probe probe = new ProbeStore().loadTorchScript(model, ProbeKind.FEATURES, ProbeConfig.ciSized(), reference)) {
            float[][] e = probe.embed(batch);

            assertThat(probe.id()).startsWith("t2v-torchscript-features-");
            assertThat(probe.metadata().layers()).extracting(ProbeMetadata.EmbeddingBlock::parameter)
                    .containsExactly("dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias");
            assertThat(probe.embeddingDimension()).isEqualTo(8 + 8 + 4 + 4);
            float[][] again = probe.embed(batch); // seeded Monte Carlo labels: same ŷ, same Fisher
            for (int s = 0; s < batch.size(); s++) {
                // TorchScript's profiling executor may fuse differently on later calls: rounding only.
                assertThat(BatchedFisherMatchesReferenceLoopTest.relativeDeviation(again[s], e[s])).isLessThan(1e-5);
            }
            // A dense layer's weight row j is δ_j²·mean(x²) and its bias entry δ_j²: check the
            // structure on the first layer, whose input x is the standardised payload.
            FeatureEncoder encoder = FeatureEncoder.fit(reference);
            for (int s = 0; s < batch.size(); s++) {
                float[] x = encoder.encode((Features) batch.get(s));
                double meanSquare = 0;
                for (float v : x) {
                    meanSquare += v * (double) v / x.length;
                }
                for (int j = 0; j < 8; j++) {
                    assertThat((double) e[s][j]).isCloseTo(e[s][8 + j] * meanSquare, within(1e-5 * (1e-12 + e[s][j])));
                }
            }
        }
    }
}
