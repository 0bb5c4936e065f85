package io.alignstream.trainer.model;

import ai.djl.Device;
import java.nio.file.Path;

/** Creates and loads {@link TaskModel}s by hyper-parameter record or saved kind. */
public final class TaskModels {

  private TaskModels() {}

  /** A new model of {@code hp}'s kind on the best device, initialised from {@code seed}. */
  public static TaskModel create(HyperParameters hp, long seed) {
    return create(hp, seed, Devices.best());
  }

  public static TaskModel create(HyperParameters hp, long seed, Device device) {
    if (hp instanceof MtHyperParameters mt) {
      return MtModel.create(mt, seed, device);
    }
    if (hp instanceof SolarHyperParameters solar) {
      return SolarModel.create(solar, seed, device);
    }
    return StemModel.create((StemHyperParameters) hp, seed, device);
  }

  /** The default hyper-parameters of a family. */
  public static HyperParameters defaults(ModelKind kind) {
    return switch (kind) {
      case MT -> MtHyperParameters.defaults();
      case SOLAR -> SolarHyperParameters.defaults();
      case STEM -> StemHyperParameters.defaults();
    };
  }

  /** Loads a saved model of any kind onto the best device. */
  public static TaskModel load(Path dir) {
    return load(dir, Devices.best());
  }

  public static TaskModel load(Path dir, Device device) {
    return switch (ModelFiles.readManifest(dir).kind()) {
      case MT -> MtModel.load(dir, device);
      case SOLAR -> SolarModel.load(dir, device);
      case STEM -> StemModel.load(dir, device);
    };
  }
}
