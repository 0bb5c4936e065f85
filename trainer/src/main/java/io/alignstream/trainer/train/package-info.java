/**
 * The research protocol: {@link io.alignstream.trainer.train.ProtocolRunner} holds one
 * {@link io.alignstream.trainer.train.DatasetTrainer} per curated dataset, every one with an
 * identical model from one {@link io.alignstream.trainer.train.ModelSpec}; each trains in a single
 * pass over its samples and emits a {@code TrainingResult} exactly at the configured sizes D of
 * {@link io.alignstream.trainer.train.ProtocolConfig}. Plain Java: the Kafka consumer, offset
 * commits and Quarkus wiring live outside this package.
 */
package io.alignstream.trainer.train;
