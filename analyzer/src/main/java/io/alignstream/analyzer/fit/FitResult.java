package io.alignstream.analyzer.fit;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One fitted scaling law.
 *
 * @param law the law's {@link ScalingLaw#name()}
 * @param parameters natural parameters in the law's order, each with its bootstrap interval
 * @param derived the requested {@link DerivedQuantity}s, same shape
 * @param goodness goodness of the full-data fit
 * @param heldOut the held-out prediction error, when requested
 * @param points observations fitted
 * @param resamples bootstrap resamples requested
 * @param failedResamples resamples whose fit was undefined (left out of the intervals)
 * @param wallTimeMs time for the whole fit, bootstrap and held-out check included
 */
public record FitResult(String law, List<ParameterEstimate> parameters, List<ParameterEstimate> derived,
    GoodnessOfFit goodness, Optional<HeldOutError> heldOut, int points, int resamples, int failedResamples,
    long wallTimeMs) {

  public FitResult {
    parameters = List.copyOf(parameters);
    derived = List.copyOf(derived);
  }

  /** The natural parameter values, in the law's order (feed to {@link ScalingLaw#predict}). */
  public double[] values() {
    return parameters.stream().mapToDouble(ParameterEstimate::value).toArray();
  }

  public ParameterEstimate parameter(String name) {
    return find(parameters, name);
  }

  public ParameterEstimate derivedQuantity(String name) {
    return find(derived, name);
  }

  private static ParameterEstimate find(List<ParameterEstimate> list, String name) {
    return list.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("No estimate named " + name));
  }
}
