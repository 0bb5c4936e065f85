package io.alignstream.analyzer.refit;

import io.alignstream.analyzer.fit.FitResult;
import io.alignstream.analyzer.fit.HeldOutError;
import io.alignstream.analyzer.fit.ParameterEstimate;
import io.alignstream.analyzer.model.FitId;
import io.alignstream.schemas.common.ConfidenceInterval;
import io.alignstream.schemas.fit.Crossover;
import io.alignstream.schemas.fit.FitParameter;
import io.alignstream.schemas.fit.ScalingFit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns fit results into {@link ScalingFit} records of the contract. Goodness holds only what the data
 * and the seed determine (no timings), so refitting the same data gives an equal record.
 */
public final class FitRecords {
  private FitRecords() {}

  static ScalingFit scalingFit(FitId id, String family, FitResult result, double confidence,
      Map<String, Double> extraGoodness, List<Crossover> crossovers, Double peakSize, Instant at) {
    Map<String, Double> goodness = new LinkedHashMap<>();
    goodness.put("huberObjective", result.goodness().huberObjective());
    goodness.put("huberDelta", result.goodness().huberDelta());
    goodness.put("rmseLog", result.goodness().rmseLog());
    goodness.put("rSquared", result.goodness().rSquared());
    goodness.put("resamples", (double) result.resamples());
    goodness.put("failedResamples", (double) result.failedResamples());
    result.heldOut().ifPresent(h -> goodness.putAll(heldOut("heldOut", h)));
    goodness.putAll(extraGoodness);
    goodness.values().removeIf(v -> v == null || !Double.isFinite(v));
    return ScalingFit.newBuilder()
        .setFitId(id.toString())
        .setTask(id.task())
        .setFamily(family)
        .setLaw(id.law())
        .setMetric(id.metric())
        .setParameters(result.parameters().stream().map(p -> parameter(p, confidence)).toList())
        .setPoints(result.points())
        .setGoodness(goodness)
        .setCrossovers(crossovers)
        .setPeakSize(peakSize)
        .setFittedTime(at)
        .build();
  }

  /** Held-out error fields under a prefix (heldOutMeanRelativeError, ...). */
  static Map<String, Double> heldOut(String prefix, HeldOutError h) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(prefix + "TrainPoints", (double) h.trainPoints());
    out.put(prefix + "Points", (double) h.heldOutPoints());
    out.put(prefix + "LargestTrainSize", h.largestTrainSize());
    out.put(prefix + "MeanAbsoluteError", h.meanAbsoluteError());
    out.put(prefix + "MeanRelativeError", h.meanRelativeError());
    out.put(prefix + "MaxRelativeError", h.maxRelativeError());
    return out;
  }

  static Crossover crossover(double alignedAlignment, double alignedSize, double misalignedAlignment,
      io.alignstream.analyzer.fit.Crossover c) {
    return Crossover.newBuilder()
        .setAlignedAlignment(alignedAlignment)
        .setAlignedSize(alignedSize)
        .setMisalignedAlignment(misalignedAlignment)
        .setMisalignedSize(c.never() ? null : c.misalignedSize())
        .setExchangeRate(c.never() ? null : c.exchangeRate())
        .setNever(c.never())
        .build();
  }

  /** Two fits with the same content, whenever they were made (a refit that changed nothing is not republished). */
  public static boolean sameContent(ScalingFit a, ScalingFit b) {
    if (a == null || b == null) {
      return a == b;
    }
    ScalingFit x = ScalingFit.newBuilder(a).setFittedTime(Instant.EPOCH).build();
    ScalingFit y = ScalingFit.newBuilder(b).setFittedTime(Instant.EPOCH).build();
    return x.equals(y);
  }

  private static FitParameter parameter(ParameterEstimate p, double confidence) {
    boolean hasInterval = !Double.isNaN(p.ciLow()) && !Double.isNaN(p.ciHigh());
    return FitParameter.newBuilder()
        .setName(p.name())
        .setValue(p.value())
        .setCi(hasInterval ? new ConfidenceInterval(p.ciLow(), p.ciHigh(), confidence) : null)
        .build();
  }
}
