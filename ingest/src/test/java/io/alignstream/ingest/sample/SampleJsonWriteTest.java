package io.alignstream.ingest.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.generate.MtGenerator;
import io.alignstream.ingest.generate.MtParams;
import io.alignstream.ingest.generate.SolarGenerator;
import io.alignstream.ingest.generate.SolarParams;
import io.alignstream.ingest.generate.StemGenerator;
import io.alignstream.ingest.generate.StemParams;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SampleJson#write} is what a client posts: reading it back gives the same sample and id. */
class SampleJsonWriteTest {

  @Test
  void shouldReadBackEveryPayloadTypeWithTheSameContentAndId() {
    List<Sample> samples = List.of(
        new MtGenerator(MtParams.defaults().withSeed(3)).sample(5),
        new SolarGenerator(SolarParams.defaults().withSeed(3)).sample(5),
        new StemGenerator(StemParams.defaults().withSeed(3).withRole(Role.TARGET)).sample(1));
    for (Sample s : samples) {
      SampleJson.Result back = SampleJson.read(SampleJson.write(s), SampleJson.Defaults.none());
      assertThat(back.errors()).isEmpty();
      Sample r = back.sample();
      assertThat(r.getPayload()).isEqualTo(s.getPayload());
      assertThat(List.of(r.getTask(), r.getRole(), r.getSource(), String.valueOf(r.getDomain()), r.getEventTime(), r.getMetadata()))
          .isEqualTo(List.of(s.getTask(), s.getRole(), s.getSource(), String.valueOf(s.getDomain()), s.getEventTime(),
              s.getMetadata()));
      assertThat(r.getId()).isEqualTo(s.getId());
    }
  }

  @Test
  void shouldWriteMissingFeatureValuesAsNullAndReadThemBackAsNaN() {
    Sample s = Samples.of("solar.flare24h", Role.POOL, "test", null,
        new Features(List.of("USFLUX", "MEANGAM"), new ArrayList<>(List.of(Double.NaN, 2.5)), 1.0),
        java.time.Instant.parse("2026-11-23T00:00:00Z"), Map.of());
    var json = SampleJson.write(s);
    assertThat(json.path("payload").path("values").get(0).isNull()).isTrue();
    Features f = (Features) SampleJson.read(json, SampleJson.Defaults.none()).sample().getPayload();
    assertThat(f.getValues().get(0)).isNaN();
    assertThat(f.getValues().get(1)).isEqualTo(2.5);
  }
}
