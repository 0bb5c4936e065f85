package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Saves and loads probes by id. Layout of {@code dir/<probeId>/}: {@code parameters.ndlist} (DJL
 * {@code NDList.encode()}, raw float32 values, names kept), {@code metadata.json} ({@link
 * ProbeMetadata}) and {@code preprocessing.json} (the kind's standardisation state). A directory
 * is written under a temporary name and moved into place, so readers never see half a probe; ids
 * are content-derived, so an existing directory of the same id already holds the same probe.
 * Loading recomputes the id from the files and refuses a mismatch (corruption or tampering).
 */
public final class ProbeStore {

    static final String PARAMETERS = "parameters.ndlist";
    static final String METADATA = "metadata.json";
    static final String PREPROCESSING = "preprocessing.json";

    /** @return the probe's directory {@code dir/<probeId>} */
    public Path save(Probe probe, Path dir) {
        if (!(probe instanceof NetworkProbe p)) {
            throw new IllegalArgumentException("only built-in probes are saved here; keep the TorchScript file: " + probe);
        }
        Path target = dir.resolve(p.id());
        if (Files.isDirectory(target)) {
            return target;
        }
        Path tmp = dir.resolve("." + p.id() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            byte[] params = Autograd.locked(() -> p.parameters().encode());
            Files.write(tmp.resolve(PARAMETERS), params);
            Json.MAPPER.writeValue(tmp.resolve(METADATA).toFile(), p.metadata());
            Json.MAPPER.writeValue(tmp.resolve(PREPROCESSING).toFile(), p.preprocessing());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) {
                    Files.move(tmp, target);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save probe " + p.id() + " under " + dir, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * @throws UncheckedIOException if the files cannot be read
     * @throws IllegalStateException if the files do not hash to {@code id}
     */
    public Probe load(String id, Path dir) {
        Path probeDir = dir.resolve(id);
        ProbeMetadata metadata;
        byte[] bytes;
        try {
            metadata = Json.MAPPER.readValue(probeDir.resolve(METADATA).toFile(), ProbeMetadata.class);
            bytes = Files.readAllBytes(probeDir.resolve(PARAMETERS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe " + id + " under " + dir, e);
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            NDList params = NDList.decode(manager, bytes);
            for (NDArray p : params) {
                p.setRequiresGradient(false);
            }
            Path pre = probeDir.resolve(PREPROCESSING);
            NetworkProbe probe = switch (metadata.kind()) {
                case TEXT -> TextLmProbe.restore(manager, params, metadata);
                case FEATURES -> FeatureMlpProbe.restore(manager, params, metadata,
                        Json.MAPPER.readValue(pre.toFile(), FeatureEncoder.class));
                case IMAGE -> ImageCnnProbe.restore(manager, params, metadata,
                        Json.MAPPER.readValue(pre.toFile(), ImageCnnProbe.Preprocessing.class));
            };
            String actual = NetworkProbe.contentId(metadata.kind(), metadata.architecture(), metadata.fisher(),
                    metadata.config(), params, probe.preprocessing());
            if (!actual.equals(id) || !metadata.id().equals(id)) {
                throw new IllegalStateException("probe files under " + probeDir + " hash to " + actual
                        + ", not " + id + " (metadata says " + metadata.id() + ")");
            }
            return probe;
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot read probe " + id + " under " + dir, e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a user-supplied TorchScript probe (see {@link TorchScriptProbe} for the input
     * contract). This is the slow path: per-sample Fisher by a per-sample autograd loop over all
     * parameters except the last layer's. Preprocessing (standardisation) is fitted on {@code
     * referencePayloads}; the id hashes the model file, kind, config and that preprocessing. Not
     * saved by {@link #save}: keep the {@code .pt} file and the reference data.
     */
    public Probe loadTorchScript(Path modelPt, ProbeKind kind, ProbeConfig config, List<?> referencePayloads) {
        return TorchScriptProbe.load(modelPt, kind, config, referencePayloads);
    }

    private static void deleteQuietly(Path tmp) {
        if (!Files.exists(tmp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + tmp, e);
        }
    }
}
