package io.alignstream.analyzer.fit;

/**
 * How well the full-data fit matches its points.
 *
 * @param huberObjective the minimised objective: Huber_δ of log residuals, summed over points
 * @param huberDelta the δ used
 * @param rmseLog root mean square of the log residuals log f − log y
 * @param rSquared 1 − SS_res/SS_tot of the observed values on their natural scale (NaN when they are
 *     all equal)
 */
public record GoodnessOfFit(double huberObjective, double huberDelta, double rmseLog, double rSquared) {}
