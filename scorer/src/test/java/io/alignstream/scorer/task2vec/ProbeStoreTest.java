package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProbeStoreTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private final ProbeStore store = new ProbeStore();
    private final ProbeTrainer trainer = new ProbeTrainer(Clock.fixed(CREATED, ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldRestoreAProbeThatGivesIdenticalEmbeddings(ProbeKind kind) {
        ProbeConfig config = ProbeConfig.ciSized().withEpochs(1);
        List<Object> batch = SyntheticPayloads.of(kind, 6, 31, 0.3);
        try (Probe trained = trainer.train(kind, SyntheticPayloads.of(kind, 40, 3, 0), config)) {
            // when
            Path saved = store.save(trained, dir);
            try (Probe loaded = store.load(trained.id(), dir)) {
                // then
                assertThat(saved).isEqualTo(dir.resolve(trained.id()));
                assertThat(saved.resolve("parameters.ndlist")).isRegularFile();
                assertThat(saved.resolve("metadata.json")).isRegularFile();
                assertThat(saved.resolve("preprocessing.json")).isRegularFile();
                assertThat(loaded.id()).isEqualTo(trained.id());
                assertThat(loaded.metadata()).isEqualTo(trained.metadata());
                assertThat(loaded.embed(batch)).isDeepEqualTo(trained.embed(batch));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldRecordWhatTheProbeIsAndHowItWasTrained(ProbeKind kind) {
        ProbeConfig config = ProbeConfig.ciSized().withEpochs(1);
        try (Probe probe = trainer.train(kind, SyntheticPayloads.of(kind, 40, 3, 0), config)) {
            ProbeMetadata md = probe.metadata();
            assertThat(md.id()).startsWith("t2v-" + kind.name().toLowerCase() + "-").isEqualTo(probe.id());
            assertThat(md.kind()).isEqualTo(kind);
            assertThat(md.config()).isEqualTo(config);
            assertThat(md.seed()).isEqualTo(config.seed());
            assertThat(md.trainedOn()).isEqualTo(40);
            assertThat(md.createdAt()).isEqualTo(CREATED);
            assertThat(md.architecture()).isNotBlank();
            assertThat(md.fisher()).isEqualTo(kind == ProbeKind.TEXT ? "monte-carlo-per-token-rows" : "expected");
            assertThat(md.layers()).isNotEmpty();
            assertThat(md.layers().stream().mapToInt(ProbeMetadata.EmbeddingBlock::rows).sum())
                    .isEqualTo(md.embeddingDimension());
            assertThat(md.layers()).noneMatch(b -> b.parameter().startsWith("output"));
        }
    }

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldDeriveTheSameIdFromTheSameTrainingAndAnotherFromAnotherSeed(ProbeKind kind) {
        List<Object> data = SyntheticPayloads.of(kind, 24, 3, 0);
        ProbeConfig config = ProbeConfig.ciSized().withEpochs(1);
        try (Probe a = trainer.train(kind, data, config);
                Probe b = trainer.train(kind, data, config);
                Probe c = trainer.train(kind, data, config.withSeed(43))) {
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(c.id()).isNotEqualTo(a.id());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProbeKind.class, names = "FEATURES")
    void shouldRefuseProbeFilesThatDoNotHashToTheirId(ProbeKind kind) throws Exception {
        try (Probe probe = trainer.train(kind, SyntheticPayloads.of(kind, 24, 3, 0), ProbeConfig.ciSized())) {
            Path saved = store.save(probe, dir);
            Path pre = saved.resolve("preprocessing.json");
            Files.writeString(pre, Files.readString(pre).replaceFirst("\"F0\"", "\"G0\""));

            assertThatThrownBy(() -> store.load(probe.id(), dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(probe.id());
        }
    }
}
