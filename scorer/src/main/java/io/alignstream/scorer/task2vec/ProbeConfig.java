package io.alignstream.scorer.task2vec;

/**
 * Hyper-parameters of probe training and architecture. Only the sizes of the probe's own kind are
 * used; the whole record is stored in the probe's metadata.
 *
 * @param seed seeds initialisation, mini-batch order and Monte Carlo label sampling
 * @param epochs passes over the training payloads
 * @param batchSize training mini-batch size
 * @param learningRate Adam step size
 * @param vocabBuckets TEXT: hash buckets of the token vocabulary (ids 0 and 1 are BOS/padding and
 *     the src/tgt separator)
 * @param embeddingDim TEXT: token embedding size
 * @param contextTokens TEXT: the LM predicts a token from this many previous tokens
 * @param textHidden TEXT: width of the tanh hidden layer
 * @param maxTokens TEXT: sequences are truncated to this many tokens
 * @param hidden1 FEATURES: first hidden layer width
 * @param hidden2 FEATURES: second hidden layer width
 * @param imageSize IMAGE: images are centre-cropped to a square and resampled to this size
 *     (multiple of 4)
 * @param conv1Filters IMAGE: filters of the first 3×3 convolution
 * @param conv2Filters IMAGE: filters of the second 3×3 convolution
 * @param imageDense IMAGE: width of the dense layer before the head
 * @param imageClasses IMAGE: the label is bucketed into this many quantile classes
 */
public record ProbeConfig(
        long seed,
        int epochs,
        int batchSize,
        double learningRate,
        int vocabBuckets,
        int embeddingDim,
        int contextTokens,
        int textHidden,
        int maxTokens,
        int hidden1,
        int hidden2,
        int imageSize,
        int conv1Filters,
        int conv2Filters,
        int imageDense,
        int imageClasses) {

    public ProbeConfig {
        requirePositive("epochs", epochs);
        requirePositive("batchSize", batchSize);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0: " + learningRate);
        }
        if (vocabBuckets < 3) {
            throw new IllegalArgumentException("vocabBuckets must be >= 3: " + vocabBuckets);
        }
        requirePositive("embeddingDim", embeddingDim);
        requirePositive("contextTokens", contextTokens);
        requirePositive("textHidden", textHidden);
        requirePositive("maxTokens", maxTokens);
        requirePositive("hidden1", hidden1);
        requirePositive("hidden2", hidden2);
        if (imageSize < 4 || imageSize % 4 != 0) {
            throw new IllegalArgumentException("imageSize must be a positive multiple of 4: " + imageSize);
        }
        requirePositive("conv1Filters", conv1Filters);
        requirePositive("conv2Filters", conv2Filters);
        requirePositive("imageDense", imageDense);
        if (imageClasses < 2) {
            throw new IllegalArgumentException("imageClasses must be >= 2: " + imageClasses);
        }
    }

    /** Production defaults: still small, trains in seconds on two cores. */
    public static ProbeConfig defaults() {
        return new ProbeConfig(42L, 5, 32, 3e-3, 2048, 32, 3, 32, 32, 32, 16, 32, 8, 16, 32, 4);
    }

    /** A tiny configuration for tests: same architectures, fewer epochs and smaller images. */
    public static ProbeConfig ciSized() {
        return new ProbeConfig(42L, 3, 16, 5e-3, 512, 16, 3, 32, 24, 32, 16, 16, 4, 8, 16, 4);
    }

    public ProbeConfig withSeed(long newSeed) {
        return new ProbeConfig(newSeed, epochs, batchSize, learningRate, vocabBuckets, embeddingDim,
                contextTokens, textHidden, maxTokens, hidden1, hidden2, imageSize, conv1Filters,
                conv2Filters, imageDense, imageClasses);
    }

    public ProbeConfig withEpochs(int newEpochs) {
        return new ProbeConfig(seed, newEpochs, batchSize, learningRate, vocabBuckets, embeddingDim,
                contextTokens, textHidden, maxTokens, hidden1, hidden2, imageSize, conv1Filters,
                conv2Filters, imageDense, imageClasses);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
