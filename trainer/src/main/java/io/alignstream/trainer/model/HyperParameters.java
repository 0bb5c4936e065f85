package io.alignstream.trainer.model;

/**
 * The hyper-parameters of one architecture. Together with a seed they determine a model's
 * initial state completely: every dataset of a family gets the same record and seed.
 */
public sealed interface HyperParameters permits MtHyperParameters, SolarHyperParameters, StemHyperParameters {

  ModelKind kind();

  /** Adam step size. */
  double learningRate();

  /** Global gradient-norm clipping threshold; 0 switches clipping off. */
  double gradientClipNorm();
}
