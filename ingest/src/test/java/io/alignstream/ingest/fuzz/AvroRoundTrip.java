package io.alignstream.ingest.fuzz;

import io.alignstream.schemas.sample.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** The sink writes accepted samples as Avro: what comes back must be exactly what was accepted. */
public final class AvroRoundTrip {
  private AvroRoundTrip() {}

  public static void assertSame(Sample sample) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<Sample>(Sample.getClassSchema(), SpecificData.getForClass(Sample.class))
          .write(sample, encoder);
      encoder.flush();
      Sample back = new SpecificDatumReader<Sample>(Sample.getClassSchema(), Sample.getClassSchema(),
          SpecificData.getForClass(Sample.class)).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
      if (!back.equals(sample)) {
        throw new AssertionError("Avro round trip changes an accepted sample:\n  accepted "
            + Mutator.show(sample.toString()) + "\n  stored   " + Mutator.show(back.toString()));
      }
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("an accepted sample does not encode: " + Mutator.show(String.valueOf(sample)), e);
    }
  }
}
