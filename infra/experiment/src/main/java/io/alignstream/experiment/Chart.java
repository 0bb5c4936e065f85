package io.alignstream.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small scatter/line chart drawn with Java2D (headless) into a PNG: linear or log10 axes, measured
 * points as markers, fitted curves as lines (optionally dashed, with a shaded band), a legend. Enough for
 * the experiment report; nothing is fetched from anywhere.
 */
final class Chart {
  /** One series: points (x, y) and, for lines, optional band low/high per point (NaN = none). */
  record Series(String label, Color color, double[] x, double[] y, double[] low, double[] high, boolean line,
      boolean dashed) {
    static Series points(String label, Color color, double[] x, double[] y) {
      return new Series(label, color, x, y, null, null, false, false);
    }

    static Series curve(String label, Color color, double[] x, double[] y, double[] low, double[] high, boolean dashed) {
      return new Series(label, color, x, y, low, high, true, dashed);
    }
  }

  private static final int W = 900;
  private static final int H = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 250;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();
  private final List<String> legendSkip = new ArrayList<>();

  Chart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  Chart add(Series s) {
    series.add(s);
    return this;
  }

  /** Series with this label are drawn but not repeated in the legend (a curve that goes with its points). */
  Chart hideInLegend(String label) {
    legendSkip.add(label);
    return this;
  }

  boolean isEmpty() {
    return series.stream().allMatch(s -> s.x().length == 0);
  }

  void write(Path file) throws IOException {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, W, H);
      draw(g);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private void draw(Graphics2D g) {
    double[] xr = range(true);
    double[] yr = range(false);
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    if (isEmpty()) {
      g.drawString("no data", LEFT + pw / 2 - 20, TOP + ph / 2);
      return;
    }
    // Grid and ticks.
    g.setColor(new Color(0xE6E6E6));
    for (double t : ticks(xr, logX)) {
      int px = LEFT + (int) Math.round(pos(t, xr, logX) * pw);
      g.setColor(new Color(0xE6E6E6));
      g.drawLine(px, TOP, px, TOP + ph);
      g.setColor(Color.DARK_GRAY);
      String s = label(t);
      g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, TOP + ph + 18);
    }
    for (double t : ticks(yr, logY)) {
      int py = TOP + ph - (int) Math.round(pos(t, yr, logY) * ph);
      g.setColor(new Color(0xE6E6E6));
      g.drawLine(LEFT, py, LEFT + pw, py);
      g.setColor(Color.DARK_GRAY);
      String s = label(t);
      g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), py + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, pw, ph);
    g.drawString(xLabel, LEFT + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, H - 18);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(TOP + ph / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 18);
    rotated.dispose();

    Graphics2D clip = (Graphics2D) g.create();
    clip.clipRect(LEFT, TOP, pw, ph);
    for (Series s : series) {
      clip.setColor(s.color());
      if (s.line()) {
        if (s.low() != null) {
          // The band: along the low values, back along the high ones.
          Path2D band = new Path2D.Double();
          boolean started = trace(band, s.x(), s.low(), false, false, xr, yr, pw, ph);
          if (started) {
            trace(band, s.x(), s.high(), true, true, xr, yr, pw, ph);
            band.closePath();
            clip.setColor(new Color(s.color().getRed(), s.color().getGreen(), s.color().getBlue(), 28));
            clip.fill(band);
            clip.setColor(s.color());
          }
        }
        Stroke old = clip.getStroke();
        clip.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {7f, 5f}, 0f) : new BasicStroke(2f));
        Path2D path = new Path2D.Double();
        trace(path, s.x(), s.y(), false, false, xr, yr, pw, ph);
        clip.draw(path);
        clip.setStroke(old);
      } else {
        for (int i = 0; i < s.x().length; i++) {
          if (usable(s.x()[i], s.y()[i])) {
            double px = LEFT + pos(s.x()[i], xr, logX) * pw;
            double py = TOP + ph - pos(s.y()[i], yr, logY) * ph;
            clip.fill(new Ellipse2D.Double(px - 4, py - 4, 8, 8));
          }
        }
      }
    }
    clip.dispose();

    // Legend.
    int ly = TOP + 6;
    FontMetrics fm = g.getFontMetrics();
    for (Series s : series) {
      if (legendSkip.contains(s.label()) || s.label() == null) {
        continue;
      }
      g.setColor(s.color());
      if (s.line()) {
        g.setStroke(new BasicStroke(2f));
        g.drawLine(LEFT + pw + 14, ly + 6, LEFT + pw + 34, ly + 6);
      } else {
        g.fill(new Ellipse2D.Double(LEFT + pw + 20, ly + 2, 8, 8));
      }
      g.setColor(Color.BLACK);
      String text = s.label();
      while (fm.stringWidth(text) > RIGHT - 50 && text.length() > 4) {
        text = text.substring(0, text.length() - 2);
      }
      g.drawString(text, LEFT + pw + 40, ly + 11);
      ly += 18;
      if (ly > H - BOTTOM) {
        break;
      }
    }
  }

  /**
   * Adds the usable points of (x, y) to a path, backwards when asked; continues the path when told, else
   * starts it at the first point. Returns whether any point was added.
   */
  private boolean trace(Path2D path, double[] x, double[] y, boolean backwards, boolean continues, double[] xr,
      double[] yr, int pw, int ph) {
    boolean started = continues;
    boolean any = false;
    for (int k = 0; k < x.length; k++) {
      int i = backwards ? x.length - 1 - k : k;
      if (!usable(x[i], y[i])) {
        continue;
      }
      double px = LEFT + pos(x[i], xr, logX) * pw;
      double py = TOP + ph - pos(y[i], yr, logY) * ph;
      if (started) {
        path.lineTo(px, py);
      } else {
        path.moveTo(px, py);
        started = true;
      }
      any = true;
    }
    return any;
  }

  private boolean usable(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
  }

  private double[] range(boolean xAxis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (!usable(s.x()[i], s.y()[i])) {
          continue;
        }
        double v = xAxis ? s.x()[i] : s.y()[i];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!Double.isFinite(lo)) {
      return new double[] {1, 10};
    }
    boolean log = xAxis ? logX : logY;
    if (log) {
      double l = Math.log10(lo);
      double h = Math.log10(hi);
      double pad = Math.max(0.05, (h - l) * 0.05);
      return new double[] {Math.pow(10, l - pad), Math.pow(10, h + pad)};
    }
    double pad = hi > lo ? (hi - lo) * 0.06 : Math.max(1e-3, Math.abs(hi) * 0.1);
    return new double[] {lo - pad, hi + pad};
  }

  private static double pos(double v, double[] r, boolean log) {
    return log ? (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0])) : (v - r[0]) / (r[1] - r[0]);
  }

  private static List<Double> ticks(double[] r, boolean log) {
    List<Double> out = new ArrayList<>();
    if (log) {
      double l = Math.log10(r[0]);
      double h = Math.log10(r[1]);
      double[] mantissas = h - l < 1.2 ? new double[] {1, 1.5, 2, 3, 5, 7} : h - l < 3 ? new double[] {1, 2, 5}
          : new double[] {1};
      for (int e = (int) Math.floor(l); e <= Math.ceil(h); e++) {
        for (double m : mantissas) {
          double t = m * Math.pow(10, e);
          if (t >= r[0] && t <= r[1]) {
            out.add(t);
          }
        }
      }
      if (out.size() >= 3) {
        return out;
      }
      out.clear(); // a narrow range (e.g. losses 6.3 to 8.5): plain ticks read better
    }
    double span = r[1] - r[0];
    double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (span / (step * m) <= 7) {
        step *= m;
        break;
      }
    }
    for (double t = Math.ceil(r[0] / step) * step; t <= r[1] + 1e-12; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  private static String label(double t) {
    double a = Math.abs(t);
    if (a != 0 && (a >= 1e5 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.0e", t);
    }
    if (a >= 100 || t == Math.rint(t)) {
      return String.format(Locale.ROOT, "%.0f", t);
    }
    return String.format(Locale.ROOT, a >= 1 ? "%.2f" : "%.3f", t).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** Colours for the alignment buckets, least aligned (red) to most (blue); grey for random controls. */
  static Color bucketColor(int bucket, int buckets) {
    float f = buckets <= 1 ? 1 : bucket / (float) (buckets - 1);
    return Color.getHSBColor(0.0f + 0.62f * f, 0.75f, 0.8f);
  }

  static final Color CONTROL = new Color(0x6E6E6E);
}
