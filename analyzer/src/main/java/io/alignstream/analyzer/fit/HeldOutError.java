package io.alignstream.analyzer.fit;

/**
 * Extrapolation check after Isik et al. 2025: the law fitted on the {@code trainPoints} smallest
 * points (by D) predicts the {@code heldOutPoints} larger ones.
 *
 * @param largestTrainSize the largest D among the training points
 * @param meanAbsoluteError mean |f(D) − y| over held-out points, in the observed unit
 * @param meanRelativeError mean |f(D) − y| / |y|
 * @param maxRelativeError largest |f(D) − y| / |y|
 */
public record HeldOutError(int trainPoints, int heldOutPoints, double largestTrainSize, double meanAbsoluteError,
    double meanRelativeError, double maxRelativeError) {}
