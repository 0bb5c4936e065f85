package io.alignstream.ingest.generate;

import io.alignstream.ingest.generate.SharpModel.Keyword;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Synthetic SHARP records for flare forecasting ({@code Features}: the 18 keywords of DESIGN §7 in
 * order, label 1.0 = M/X flare within 24 h). Records come in HARP patches of
 * {@link SolarParams#recordsPerHarp()} consecutive indices; a patch fixes its latent size and
 * complexity and its NOAA regions, each record adds its own variation and its own label, so labels are
 * independent Bernoulli draws at the knob's rate. Flaring records have their latents shifted up
 * (larger, more sheared, more complex); multi-region patches are larger by 0.35 σ per extra region.
 * Feature values follow {@link SharpModel}.
 *
 * <p>Metadata besides {@code gen.*}: {@code HARPNUM}, {@code NOAA_AR}, {@code NOAA_NUM},
 * {@code NOAA_ARS}, {@code T_REC}, {@code solar.epoch}, {@code solar.positiveRate}, {@code
 * solar.multiArRate}, {@code solar.flareSizeShift}, {@code solar.flareComplexityShift}.
 */
public final class SolarGenerator implements SampleGenerator {
  public static final String KIND = "solar";

  /** The SHARP keyword names, DESIGN §7 order: the {@code Features.names} of every sample. */
  public static final List<String> KEYWORDS = SharpModel.NAMES;

  private final SolarParams params;
  private final double positiveRate;
  private final double epoch;

  public SolarGenerator(SolarParams params) {
    this.params = params;
    this.positiveRate = params.positiveRate();
    this.epoch = params.epoch();
  }

  public SolarParams params() {
    return params;
  }

  @Override
  public Sample sample(long index) {
    long harpIndex = index / params.recordsPerHarp();
    Harp harp = harp(harpIndex);
    SplittableRandom rng = Seeds.forIndex(params.seed(), Seeds.MAIN, index);
    boolean flaring = rng.nextDouble() < positiveRate;
    // Mixing weights keep the record latents at unit variance; the patch explains most of it.
    double z = 0.9 * harp.size + Math.sqrt(1 - 0.81) * rng.nextGaussian()
        + 0.35 * (harp.noaaNum - 1) + (flaring ? params.flareSizeShift() : 0);
    double c = 0.8 * harp.complexity + 0.6 * rng.nextGaussian() + (flaring ? params.flareComplexityShift() : 0);
    List<Double> values = new ArrayList<>(SharpModel.KEYWORDS.size());
    for (Keyword k : SharpModel.KEYWORDS) {
      values.add(k.value(z, c, epoch, rng));
    }
    Features features = new Features(KEYWORDS, values, flaring ? 1.0 : 0.0);

    Instant time = params.timeline().at(index);
    Map<String, String> metadata = GeneratorMetadata.base(KIND, params.seed(), params.alignment(), index);
    metadata.put("HARPNUM", Long.toString(params.harpNumberBase() + harpIndex));
    metadata.put("NOAA_AR", Integer.toString(harp.noaaAr));
    metadata.put("NOAA_NUM", Integer.toString(harp.noaaNum));
    metadata.put("NOAA_ARS", harp.noaaArs());
    metadata.put("T_REC", SolarTime.tRec(time));
    metadata.put("solar.epoch", GeneratorMetadata.num(epoch));
    metadata.put("solar.positiveRate", GeneratorMetadata.num(positiveRate));
    metadata.put("solar.multiArRate", GeneratorMetadata.num(params.multiArRate()));
    metadata.put("solar.flareSizeShift", GeneratorMetadata.num(params.flareSizeShift()));
    metadata.put("solar.flareComplexityShift", GeneratorMetadata.num(params.flareComplexityShift()));
    return Samples.of(params.task(), params.role(), GeneratorMetadata.source(KIND),
        AlignmentKnob.domain(params.alignment()), features, time, metadata);
  }

  private record Harp(double size, double complexity, int noaaAr, int noaaNum) {
    String noaaArs() {
      StringJoiner j = new StringJoiner(",");
      for (int i = 0; i < noaaNum; i++) {
        j.add(Integer.toString(noaaAr + i));
      }
      return j.toString();
    }
  }

  private Harp harp(long harpIndex) {
    SplittableRandom rng = Seeds.forIndex(params.seed(), Seeds.GROUP, harpIndex);
    double size = rng.nextGaussian();
    double complexity = rng.nextGaussian();
    int noaaNum = rng.nextDouble() < params.multiArRate() ? 2 + rng.nextInt(2) : 1;
    // Spaced by 3 so a patch's extra regions never reuse the next patch's numbers; 4-digit-safe wrap.
    int noaaAr = 11000 + (int) ((3 * harpIndex) % 2997);
    return new Harp(size, complexity, noaaAr, noaaNum);
  }
}
