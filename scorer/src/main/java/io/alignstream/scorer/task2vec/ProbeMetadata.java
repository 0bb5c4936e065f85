package io.alignstream.scorer.task2vec;

import java.time.Instant;
import java.util.List;

/**
 * Everything recorded about a probe, stored as {@code metadata.json} beside its parameters.
 *
 * @param id content-derived probe id (kind, configuration, preprocessing state and parameter
 *     bytes hashed); recorded with every score
 * @param kind payload family
 * @param architecture one-line description of the network
 * @param fisher how the label ŷ is chosen: {@code "monte-carlo-per-token"} (sampled from the probe's own
 *     predictive distribution with a per-sample seed) or {@code "expected"} (summed over all
 *     classes weighted by their probability)
 * @param config the hyper-parameters it was trained with (all sizes, seed, epochs, learning rate)
 * @param trainedOn number of payloads the probe was trained on
 * @param createdAt when training finished (not part of the id)
 * @param embeddingDimension length of an embedding
 * @param layers the blocks of the embedding vector, in order
 */
public record ProbeMetadata(
        String id,
        ProbeKind kind,
        String architecture,
        String fisher,
        ProbeConfig config,
        int trainedOn,
        Instant createdAt,
        int embeddingDimension,
        List<EmbeddingBlock> layers) {

    public ProbeMetadata {
        layers = List.copyOf(layers);
    }

    /** The seed the probe was trained with; it also seeds Monte Carlo label sampling. */
    public long seed() {
        return config.seed();
    }

    /**
     * One parameter tensor's block of the embedding.
     *
     * @param parameter parameter name, e.g. {@code conv1.weight}
     * @param shape the tensor's shape
     * @param rows its number of rows ({@code shape[0]}), i.e. the block's length
     */
    public record EmbeddingBlock(String parameter, List<Long> shape, int rows) {

        public EmbeddingBlock {
            shape = List.copyOf(shape);
        }
    }
}
