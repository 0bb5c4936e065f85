/**
 * The trainer's models, one owner per downstream family: {@link io.alignstream.trainer.model.MtModel}
 * (GRU encoder–decoder with attention and its {@link io.alignstream.trainer.model.SubwordTokenizer}),
 * {@link io.alignstream.trainer.model.SolarModel} (MLP on standardised signed-log SHARP features) and
 * {@link io.alignstream.trainer.model.StemModel} (CNN regressing particle diameter), behind
 * {@link io.alignstream.trainer.model.TaskModel}. Plain Java on DJL's PyTorch engine (offline); no
 * Kafka, no CDI. Each model is built deterministically from its hyper-parameter record and a seed,
 * trains one batch per call with its own serialisable Adam, and saves and loads exactly.
 */
package io.alignstream.trainer.model;
