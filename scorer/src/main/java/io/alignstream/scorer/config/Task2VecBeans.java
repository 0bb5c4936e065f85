package io.alignstream.scorer.config;

import io.alignstream.scorer.topology.Task2VecScoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Task2Vec for the scorer; probes are wired here (until then: no Task2Vec scores). */
@ApplicationScoped
public class Task2VecBeans {

  @Produces
  @ApplicationScoped
  Task2VecScoring task2vec() {
    return Task2VecScoring.NONE;
  }
}
