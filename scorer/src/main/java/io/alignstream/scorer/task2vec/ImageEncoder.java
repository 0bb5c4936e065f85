package io.alignstream.scorer.task2vec;

import io.alignstream.schemas.sample.Image;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * IMAGE preprocessing: decode 8-bit or 16-bit big-endian unsigned pixels to [0, 1], centre-crop
 * to a square, resample to {@code size × size} by area averaging (exact box filter, so downscaling
 * does not alias), then standardise with one global mean and std learned from the training images.
 * A global (not per-image) scale keeps dose and contrast differences visible to the probe.
 *
 * @param size output side length
 * @param mean mean pixel value of the resampled training images
 * @param std their pixel standard deviation (1 if constant)
 */
record ImageEncoder(int size, double mean, double std) {

    static ImageEncoder fit(List<?> payloads, int size) {
        ImageEncoder raw = new ImageEncoder(size, 0, 1);
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (Object p : payloads) {
            for (float v : raw.encode((Image) p)) {
                sum += v;
                sumSq += v * (double) v;
                n++;
            }
        }
        double m = sum / n;
        double var = n < 2 ? 0 : (sumSq - n * m * m) / (n - 1);
        return new ImageEncoder(size, m, var > 1e-12 ? Math.sqrt(var) : 1.0);
    }

    static Optional<String> rejection(Image im) {
        int bits = im.getBitsPerPixel();
        if (bits != 8 && bits != 16) {
            return Optional.of("unsupported bitsPerPixel " + bits + " (8 or 16)");
        }
        if (im.getWidth() <= 0 || im.getHeight() <= 0) {
            return Optional.of("empty image " + im.getWidth() + "x" + im.getHeight());
        }
        long expected = (long) im.getWidth() * im.getHeight() * (bits / 8);
        if (im.getPixels() == null || im.getPixels().remaining() != expected) {
            return Optional.of("image has " + (im.getPixels() == null ? 0 : im.getPixels().remaining())
                    + " pixel bytes, expected " + expected);
        }
        return Optional.empty();
    }

    /** Row-major {@code size × size} standardised intensities. */
    float[] encode(Image im) {
        int w = im.getWidth();
        int h = im.getHeight();
        int side = Math.min(w, h);
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;
        double[] crop = new double[side * side];
        ByteBuffer px = im.getPixels().duplicate();
        int base = px.position();
        boolean sixteen = im.getBitsPerPixel() == 16;
        double max = sixteen ? 65535.0 : 255.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y + y0) * w + (x + x0);
                int v = sixteen
                        ? ((px.get(base + 2 * i) & 0xff) << 8) | (px.get(base + 2 * i + 1) & 0xff)
                        : px.get(base + i) & 0xff;
                crop[y * side + x] = v / max;
            }
        }
        double[][] r = areaWeights(side, size);
        int[] from = new int[size];
        int[] to = new int[size];
        for (int j = 0; j < size; j++) {
            double scale = side / (double) size;
            from[j] = (int) Math.floor(j * scale);
            to[j] = Math.min(side, (int) Math.ceil((j + 1) * scale));
        }
        // out = R · crop · Rᵀ, done separably over each output cell's few source pixels.
        double[] rowsResampled = new double[side * size];
        for (int y = 0; y < side; y++) {
            for (int j = 0; j < size; j++) {
                double s = 0;
                for (int x = from[j]; x < to[j]; x++) {
                    s += r[j][x] * crop[y * side + x];
                }
                rowsResampled[y * size + j] = s;
            }
        }
        float[] out = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double s = 0;
                for (int y = from[i]; y < to[i]; y++) {
                    s += r[i][y] * rowsResampled[y * size + j];
                }
                out[i * size + j] = (float) ((s - mean) / std);
            }
        }
        return out;
    }

    /** r[j][x]: share of output cell j covered by input pixel x (rows sum to 1). */
    private static double[][] areaWeights(int in, int out) {
        double[][] r = new double[out][in];
        double scale = in / (double) out;
        for (int j = 0; j < out; j++) {
            double lo = j * scale;
            double hi = (j + 1) * scale;
            for (int x = (int) Math.floor(lo); x < Math.min(in, (int) Math.ceil(hi)); x++) {
                double overlap = Math.min(hi, x + 1) - Math.max(lo, x);
                if (overlap > 0) {
                    r[j][x] = overlap / scale;
                }
            }
        }
        return r;
    }
}
