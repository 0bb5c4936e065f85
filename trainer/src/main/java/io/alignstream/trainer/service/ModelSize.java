package io.alignstream.trainer.service;

import io.alignstream.trainer.model.HyperParameters;
import io.alignstream.trainer.model.ModelKind;
import io.alignstream.trainer.model.MtHyperParameters;
import io.alignstream.trainer.model.SolarHyperParameters;
import io.alignstream.trainer.model.StemHyperParameters;
import java.util.List;
import java.util.Locale;

/**
 * Which hyper-parameters every model of a family gets ({@code alignstream.trainer.model-size}): the
 * research defaults, or CI-sized networks that train in milliseconds per batch on a laptop core.
 */
public enum ModelSize {
  /** Small networks for tests and smoke runs. */
  CI,
  /** The research defaults of each family ({@code *HyperParameters.defaults()}). */
  DEFAULT;

  /** {@code ci} or {@code default}, any case. */
  public static ModelSize parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /**
   * The hyper-parameters of a family at this size.
   *
   * @param solarFeatures the solar input features by name, in input order
   */
  public HyperParameters hyperParameters(ModelKind kind, List<String> solarFeatures) {
    return switch (kind) {
      case MT -> this == CI ? MtHyperParameters.ciSized() : MtHyperParameters.defaults();
      case SOLAR -> this == CI
          ? new SolarHyperParameters(solarFeatures, 32, 16, 3e-3, 0.5, 0)
          : SolarHyperParameters.defaults().withFeatures(solarFeatures);
      case STEM -> this == CI
          ? new StemHyperParameters(16, 4, 8, 32, StemHyperParameters.Loss.L1, 2e-3)
          : StemHyperParameters.defaults();
    };
  }
}
