package io.alignstream.scorer.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * A partition of the encoder's word-piece vocabulary into {@code k} clusters: k-means (squared
 * Euclidean, Lloyd's algorithm, a fixed number of iterations) over the rows of its word-embedding
 * table, started from {@code k} distinct rows drawn with a seed. An empty cluster is re-seeded with
 * the row farthest from its centroid. Deterministic for a given table, k, seed and iteration count;
 * built from the encoder's own weights on the machine, so nothing is downloaded.
 *
 * <p>The text probe's head predicts a masked token's cluster instead of the token itself: a
 * class-based masked language model whose softmax is 30× smaller than the vocabulary's.
 *
 * <p>{@link #load} caches the result in a file named by the weights' version, k, seed and iterations.
 */
public final class VocabularyClusters {

  private static final int FORMAT = 1;

  private final int[] clusterOf;
  private final float[] centroids; // [k, H]
  private final int k;
  private final int dim;

  private VocabularyClusters(int[] clusterOf, float[] centroids, int k, int dim) {
    this.clusterOf = clusterOf;
    this.centroids = centroids;
    this.k = k;
    this.dim = dim;
  }

  public int clusters() {
    return k;
  }

  /** The cluster of a word-piece id. */
  public int clusterOf(int tokenId) {
    return clusterOf[tokenId];
  }

  /** Centroids {@code [k, H]} in a manager of the caller's. */
  public NDArray centroids(NDManager m) {
    return m.create(centroids, new Shape(k, dim));
  }

  /** The cached clustering of {@code model}'s vocabulary, built (and cached) when missing. */
  public static VocabularyClusters load(MiniLm model, int k, long seed, int iterations, Path cacheDir) {
    Path file = cacheDir == null ? null
        : cacheDir.resolve("vocab-clusters-" + model.version().substring(0, 16) + "-k" + k + "-s" + seed + "-i" + iterations + ".bin");
    if (file != null && Files.isRegularFile(file)) {
      try {
        return read(file, model.tokenizer().vocabularySize(), k);
      } catch (IOException | RuntimeException corrupt) {
        // rebuilt below and the file replaced
      }
    }
    VocabularyClusters built = build(model.wordEmbeddings(), k, seed, iterations);
    if (file != null) {
      built.write(file);
    }
    return built;
  }

  /** k-means of the rows of {@code table} {@code [V, H]}. */
  public static VocabularyClusters build(NDArray table, int k, long seed, int iterations) {
    int v = (int) table.getShape().get(0);
    int h = (int) table.getShape().get(1);
    if (k < 2 || k > v) {
      throw new IllegalArgumentException("k must be in [2, " + v + "]: " + k);
    }
    boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    try (NDManager m = table.getManager().newSubManager()) {
      float[] rows = table.toFloatArray();
      SplittableRandom random = new SplittableRandom(seed);
      int[] order = new int[v];
      for (int i = 0; i < v; i++) {
        order[i] = i;
      }
      for (int i = 0; i < k; i++) { // partial Fisher-Yates: the first k are distinct random rows
        int j = i + random.nextInt(v - i);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      float[] c = new float[k * h];
      for (int i = 0; i < k; i++) {
        System.arraycopy(rows, order[i] * h, c, i * h, h);
      }
      NDArray x = m.create(rows, new Shape(v, h));
      NDArray xx = x.square().sum(new int[] {1}, true); // [V, 1]
      int[] assign = new int[v];
      for (int it = 0; it < iterations; it++) {
        NDArray centers = m.create(c, new Shape(k, h));
        NDArray d = xx.sub(x.matMul(centers.transpose()).mul(2)).add(centers.square().sum(new int[] {1}).expandDims(0));
        long[] nearest = d.argMin(1).toType(DataType.INT64, false).toLongArray();
        float[] best = d.min(new int[] {1}).toFloatArray();
        double[] sums = new double[k * h];
        int[] counts = new int[k];
        for (int i = 0; i < v; i++) {
          int cl = (int) nearest[i];
          assign[i] = cl;
          counts[cl]++;
          for (int j = 0; j < h; j++) {
            sums[cl * h + j] += rows[i * h + j];
          }
        }
        boolean[] taken = new boolean[v];
        for (int cl = 0; cl < k; cl++) {
          if (counts[cl] == 0) { // re-seed with the row farthest from its centroid
            int far = -1;
            for (int i = 0; i < v; i++) {
              if (!taken[i] && (far < 0 || best[i] > best[far])) {
                far = i;
              }
            }
            taken[far] = true;
            best[far] = -1;
            System.arraycopy(rows, far * h, c, cl * h, h);
          } else {
            for (int j = 0; j < h; j++) {
              c[cl * h + j] = (float) (sums[cl * h + j] / counts[cl]);
            }
          }
        }
      }
      // final assignment against the final centroids
      NDArray centers = m.create(c, new Shape(k, h));
      NDArray d = xx.sub(x.matMul(centers.transpose()).mul(2)).add(centers.square().sum(new int[] {1}).expandDims(0));
      long[] nearest = d.argMin(1).toType(DataType.INT64, false).toLongArray();
      for (int i = 0; i < v; i++) {
        assign[i] = (int) nearest[i];
      }
      return new VocabularyClusters(assign, c, k, h);
    } finally {
      ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
    }
  }

  private void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".vocab-clusters", ".tmp");
      try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(FORMAT);
        out.writeInt(clusterOf.length);
        out.writeInt(k);
        out.writeInt(dim);
        for (int c : clusterOf) {
          out.writeInt(c);
        }
        for (float f : centroids) {
          out.writeFloat(f);
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache the vocabulary clusters in " + file, e);
    }
  }

  private static VocabularyClusters read(Path file, int vocab, int k) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != FORMAT || in.readInt() != vocab || in.readInt() != k) {
        throw new IOException("cached clusters " + file + " do not match");
      }
      int dim = in.readInt();
      int[] clusterOf = new int[vocab];
      for (int i = 0; i < vocab; i++) {
        clusterOf[i] = in.readInt();
        if (clusterOf[i] < 0 || clusterOf[i] >= k) {
          throw new IOException("cached clusters " + file + " are corrupt");
        }
      }
      float[] centroids = new float[k * dim];
      for (int i = 0; i < centroids.length; i++) {
        centroids[i] = in.readFloat();
      }
      return new VocabularyClusters(clusterOf, centroids, k, dim);
    }
  }
}
