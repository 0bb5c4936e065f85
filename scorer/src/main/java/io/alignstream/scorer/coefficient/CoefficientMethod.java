package io.alignstream.scorer.coefficient;

import java.util.List;

/**
 * An alignment method as the batch coefficient sees it (DESIGN §4): a representation of a batch of
 * samples, and the alignment of a dataset batch with a target batch (higher = more aligned).
 * Implementations: {@link Task2VecTextMethod} (the paper's Task2Vec coefficient), {@link
 * EmbeddingMethod}, {@link DsirMethod} and {@link GzipMethod}.
 */
public interface CoefficientMethod {

  /** task2vec, embedding, dsir or gzip. */
  String name();

  /** Identifies the probe or configuration; coefficients of different ids are never compared. */
  String probeId();

  /** Why a payload cannot be used by this method (it is left out of every batch), or null. */
  String rejection(Object payload);

  /** A batch's representation, e.g. its Task2Vec embedding f(B). */
  Object represent(List<?> batch);

  /** The alignment of a dataset batch with a target batch, from their representations. */
  double alignment(Object targetBatch, Object datasetBatch);
}
