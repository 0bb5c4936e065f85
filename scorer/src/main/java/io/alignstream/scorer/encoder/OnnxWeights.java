package io.alignstream.scorer.encoder;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float32 weights of an ONNX model, read straight from its protobuf bytes (no ONNX Runtime, no
 * generated protobuf classes): {@code ModelProto.graph (7)} → {@code GraphProto.initializer (5)} as
 * {@code TensorProto} ({@code dims 1}, {@code data_type 2}, {@code float_data 4}, {@code name 8},
 * {@code raw_data 9}) and {@code GraphProto.node (1)} as {@code NodeProto} ({@code input 1},
 * {@code name 3}, {@code op_type 4}).
 *
 * <p>Exporters rename the weight of a linear layer to something like {@code onnx::MatMul_787} and
 * store it transposed ({@code [in, out]}). Such a weight gets the name of the {@code MatMul} node
 * that reads it, turned into a parameter path: node {@code /encoder/layer.0/attention/self/query/MatMul}
 * gives {@code encoder.layer.0.attention.self.query.weight} (still {@code [in, out]}).
 *
 * <p>The model is read as a stream: only one tensor's bytes are in memory at a time besides the
 * result. The SHA-256 of the whole file is kept as the weights' version.
 */
public final class OnnxWeights {

  private static final int FLOAT = 1;

  /** One float tensor: its shape and values in row-major order. */
  public record Tensor(String name, long[] shape, float[] values) {
    public long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private final Map<String, Tensor> tensors;
  private final String sha256;

  private OnnxWeights(Map<String, Tensor> tensors, String sha256) {
    this.tensors = tensors;
    this.sha256 = sha256;
  }

  /** Tensors by parameter name, in file order (float tensors only; int64 buffers are skipped). */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** SHA-256 (hex) of the model file: identifies these weights. */
  public String sha256() {
    return sha256;
  }

  /**
   * @throws IllegalArgumentException when the tensor is missing or has another shape
   */
  public Tensor require(String name, long... shape) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("the ONNX model has no weight '" + name + "'");
    }
    if (!java.util.Arrays.equals(t.shape(), shape)) {
      throw new IllegalArgumentException("weight '" + name + "' has shape " + java.util.Arrays.toString(t.shape())
          + ", expected " + java.util.Arrays.toString(shape));
    }
    return t;
  }

  /**
   * Reads a model. The stream is consumed to its end (so the digest covers the whole file) and not
   * closed.
   *
   * @throws IOException when the stream fails or is not a well-formed ONNX protobuf
   */
  public static OnnxWeights read(InputStream raw) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Wire in = new Wire(new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha));
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Map<String, String> renames = new LinkedHashMap<>();
    boolean sawGraph = false;
    while (in.hasMore(Long.MAX_VALUE)) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 7 && wire == 2) {
        sawGraph = true;
        long length = in.varint();
        long end = in.position() + length;
        readGraph(in, end, tensors, renames);
      } else {
        in.skip(wire);
      }
    }
    if (!sawGraph) {
      throw new IOException("not an ONNX model: no graph");
    }
    Map<String, Tensor> named = new LinkedHashMap<>();
    tensors.forEach((name, t) -> {
      String to = renames.getOrDefault(name, name);
      named.put(to, new Tensor(to, t.shape(), t.values()));
    });
    return new OnnxWeights(java.util.Collections.unmodifiableMap(named), HexFormat.of().formatHex(sha.digest()));
  }

  private static void readGraph(Wire in, long end, Map<String, Tensor> tensors, Map<String, String> renames)
      throws IOException {
    while (in.position() < end) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 5 && wire == 2) {
        Tensor t = readTensor(in.bytes((int) in.varint()));
        if (t != null) {
          tensors.put(t.name(), t);
        }
      } else if (field == 1 && wire == 2) {
        readNode(in.bytes((int) in.varint()), renames);
      } else {
        in.skip(wire);
      }
    }
    if (in.position() != end) {
      throw new IOException("malformed ONNX graph: ran past its length");
    }
  }

  private static Tensor readTensor(byte[] bytes) throws IOException {
    Wire in = new Wire(new java.io.ByteArrayInputStream(bytes));
    List<Long> dims = new ArrayList<>();
    int type = 0;
    String name = null;
    byte[] rawData = null;
    List<Float> floats = new ArrayList<>();
    while (in.hasMore(bytes.length)) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      switch (field) {
        case 1 -> {
          if (wire == 2) {
            long length = in.varint();
        long end = in.position() + length;
            while (in.position() < end) {
              dims.add(in.varint());
            }
          } else {
            dims.add(in.varint());
          }
        }
        case 2 -> type = (int) in.varint();
        case 4 -> {
          if (wire == 2) {
            int len = (int) in.varint();
            ByteBuffer b = ByteBuffer.wrap(in.bytes(len)).order(ByteOrder.LITTLE_ENDIAN);
            while (b.remaining() >= 4) {
              floats.add(b.getFloat());
            }
          } else {
            floats.add(Float.intBitsToFloat(in.fixed32()));
          }
        }
        case 8 -> name = new String(in.bytes((int) in.varint()), StandardCharsets.UTF_8);
        case 9 -> rawData = in.bytes((int) in.varint());
        default -> in.skip(wire);
      }
    }
    if (type != FLOAT || name == null) {
      return null;
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    float[] values = new float[Math.toIntExact(size)];
    if (rawData != null) {
      if (rawData.length != size * 4) {
        throw new IOException("tensor " + name + ": " + rawData.length + " raw bytes for " + size + " floats");
      }
      ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    } else {
      if (floats.size() != size) {
        throw new IOException("tensor " + name + ": " + floats.size() + " floats for shape " + dims);
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = floats.get(i);
      }
    }
    return new Tensor(name, shape, values);
  }

  private static void readNode(byte[] bytes, Map<String, String> renames) throws IOException {
    Wire in = new Wire(new java.io.ByteArrayInputStream(bytes));
    List<String> inputs = new ArrayList<>();
    String name = "";
    String op = "";
    while (in.hasMore(bytes.length)) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      switch (field) {
        case 1 -> inputs.add(new String(in.bytes((int) in.varint()), StandardCharsets.UTF_8));
        case 3 -> name = new String(in.bytes((int) in.varint()), StandardCharsets.UTF_8);
        case 4 -> op = new String(in.bytes((int) in.varint()), StandardCharsets.UTF_8);
        default -> in.skip(wire);
      }
    }
    if (op.equals("MatMul") && inputs.size() == 2 && inputs.get(1).startsWith("onnx::") && name.endsWith("/MatMul")) {
      String path = name.substring(0, name.length() - "/MatMul".length());
      path = path.startsWith("/") ? path.substring(1) : path;
      renames.put(inputs.get(1), path.replace('/', '.') + ".weight");
    }
  }

  /** Protobuf wire-format reading with a byte position. */
  private static final class Wire {
    private static final int NONE = -2;
    private final InputStream in;
    private long position;
    private int peeked = NONE;

    Wire(InputStream in) {
      this.in = in;
    }

    long position() {
      return position;
    }

    /** Whether a byte follows before {@code end} (and before the end of the stream). */
    boolean hasMore(long end) throws IOException {
      if (position >= end) {
        return false;
      }
      if (peeked == NONE) {
        peeked = in.read();
      }
      return peeked >= 0;
    }

    private int read() throws IOException {
      int b = peeked != NONE ? peeked : in.read();
      peeked = NONE;
      if (b < 0) {
        throw new EOFException("truncated ONNX model at byte " + position);
      }
      position++;
      return b;
    }

    long varint() throws IOException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = read();
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new IOException("malformed varint at byte " + position);
    }

    int fixed32() throws IOException {
      return read() | read() << 8 | read() << 16 | read() << 24;
    }

    byte[] bytes(int length) throws IOException {
      if (length < 0) {
        throw new IOException("negative length at byte " + position);
      }
      byte[] out = new byte[length];
      int off = 0;
      if (length > 0 && peeked != NONE) {
        out[off++] = (byte) read();
      }
      while (off < length) {
        int n = in.read(out, off, length - off);
        if (n < 0) {
          throw new EOFException("truncated ONNX model at byte " + position);
        }
        off += n;
        position += n;
      }
      return out;
    }

    void skip(int wire) throws IOException {
      switch (wire) {
        case 0 -> varint();
        case 1 -> {
          for (int i = 0; i < 8; i++) {
            read();
          }
        }
        case 2 -> bytes((int) varint());
        case 5 -> fixed32();
        default -> throw new IOException("unsupported protobuf wire type " + wire + " at byte " + position);
      }
    }
  }
}
