package io.alignstream.trainer.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Where models run: the first GPU when the PyTorch engine sees one, else the CPU; the same code
 * either way. Touching this class switches DJL to offline mode before the engine loads (the native
 * library comes from the {@code pytorch-native-cpu} jar; DJL must never try to download it).
 */
public final class Devices {

  static {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  private Devices() {}

  /** Forces the offline switch above; model classes call it before their first NDManager. */
  static void requireOffline() {
    // Class initialisation has run by the time this body executes.
  }

  /** {@code Device.gpu()} when {@code Engine.getInstance().getGpuCount() > 0}, else the CPU. */
  public static Device best() {
    return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** {@code cpu} or {@code gpu(n)}, as {@code TrainingResult.device} records it. */
  public static String label(Device device) {
    return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
  }
}
