package io.alignstream.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code alignstream.analyzer.*}: how the analyzer refits and serves (application.properties says why). */
@ConfigMapping(prefix = "alignstream.analyzer")
public interface AnalyzerConfig {

  /** Least time between two refits of one task/family group. */
  @WithDefault("PT2S")
  Duration refitInterval();

  @WithDefault("200")
  int resamples();

  @WithDefault("0.95")
  double confidence();

  @WithDefault("0.7")
  double heldOutFraction();

  @WithDefault("task2vec,gzip,dsir")
  List<String> alignmentMethods();

  @WithDefault("mt=BLEU:higher:0.5;solar=TSS:higher:0.02;stem=MAE:lower")
  String metrics();

  @WithDefault("40")
  int curvePoints();

  @WithDefault("4")
  double curveExtension();

  @WithDefault("20261122")
  long seed();

  @WithDefault("5000")
  int maxWindows();

  @WithDefault("true")
  boolean publishFits();

  /** How long start-up waits for the replay of the topics before serving anyway. */
  @WithDefault("PT30S")
  Duration replayWait();

  /** How often pipeline health (offsets, consumer lag) is sampled and pushed. */
  @WithDefault("PT5S")
  Duration healthEvery();

  @WithDefault("PT30S")
  Duration discoverEvery();
}
