package io.alignstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Named parameter arrays: deterministic initialisation from a seed (Java's {@link SplittableRandom},
 * so the same seed gives the same floats on every machine and device), copies, and content digests.
 */
final class Parameters {

  /** How one parameter is initialised. */
  enum Init {
    /** N(0, scale²). */
    GAUSSIAN,
    /** U(−scale, scale). */
    UNIFORM,
    /** All zero. */
    ZERO
  }

  /**
   * One parameter of an architecture.
   *
   * @param name unique name, kept in saved files
   * @param shape its shape
   * @param init initialisation rule
   * @param scale standard deviation (GAUSSIAN) or bound (UNIFORM)
   */
  record Spec(String name, Shape shape, Init init, double scale) {}

  private Parameters() {}

  /** Arrays for {@code specs}, in order, drawn from one random stream seeded with {@code seed}. */
  static NDList initialise(NDManager manager, Iterable<Spec> specs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    NDList list = new NDList();
    for (Spec s : specs) {
      float[] v = new float[Math.toIntExact(s.shape().size())];
      switch (s.init()) {
        case GAUSSIAN -> {
          for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * s.scale());
          }
        }
        case UNIFORM -> {
          for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * s.scale());
          }
        }
        case ZERO -> { }
      }
      NDArray a = manager.create(v, s.shape());
      a.setName(s.name());
      list.add(a);
    }
    return list;
  }

  /** Checks that {@code arrays} have exactly the names and shapes of {@code specs}, in order. */
  static void requireLayout(NDList arrays, Iterable<Spec> specs) {
    int i = 0;
    for (Spec s : specs) {
      if (i >= arrays.size()) {
        throw new IllegalArgumentException("saved parameters end before " + s.name());
      }
      NDArray a = arrays.get(i++);
      if (!s.name().equals(a.getName()) || !s.shape().equals(a.getShape())) {
        throw new IllegalArgumentException("saved parameter " + a.getName() + " " + a.getShape() + " does not match "
            + s.name() + " " + s.shape() + " of this architecture");
      }
    }
    if (i != arrays.size()) {
      throw new IllegalArgumentException("saved parameters have " + arrays.size() + " arrays, architecture " + i);
    }
  }

  /** Copies of {@code source} owned by {@code target} (on its device), names kept. */
  static NDList copy(NDManager target, NDList source) {
    NDList out = new NDList();
    for (NDArray p : source) {
      NDArray c = target.create(p.toFloatArray(), p.getShape());
      c.setName(p.getName());
      out.add(c);
    }
    return out;
  }

  /** Name → values (copies, row-major), in parameter order. */
  static Map<String, float[]> values(NDList parameters) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (NDArray p : parameters) {
      out.put(p.getName(), p.toFloatArray());
    }
    return out;
  }

  /** SHA-256 over each parameter's name, shape and little-endian float bytes. */
  static String digest(String architecture, NDList parameters) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(architecture.getBytes(StandardCharsets.UTF_8));
      for (NDArray p : parameters) {
        sha.update((p.getName() + p.getShape()).getBytes(StandardCharsets.UTF_8));
        float[] v = p.toFloatArray();
        ByteBuffer bytes = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(v);
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
