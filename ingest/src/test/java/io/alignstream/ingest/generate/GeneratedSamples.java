package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers shared by the generator tests. */
final class GeneratedSamples {
  private GeneratedSamples() {}

  /** The sample without its ingest time (the one field that is the wall clock by design). */
  static Sample content(Sample s) {
    Sample copy = Sample.newBuilder(s).build();
    copy.setIngestTime(Instant.EPOCH);
    return copy;
  }

  static List<Sample> contents(SampleGenerator g, int n) {
    return g.stream(n).map(GeneratedSamples::content).collect(Collectors.toList());
  }

  static List<String> ids(SampleGenerator g, int n) {
    return g.stream(n).map(Sample::getId).toList();
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double pearson(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
