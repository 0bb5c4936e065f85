package io.alignstream.ingest.sample;

import io.alignstream.schemas.sample.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Deterministic sample ids: SHA-256 over source, task, role and the payload's Avro binary form
 * (deterministic by construction), 32 hex characters. Importing the same file twice gives the same
 * ids, so downstream deduplication can drop the repeats; times and metadata do not count.
 */
public final class SampleIds {
  private SampleIds() {}

  public static String of(Sample sample) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {sample.getSource(), sample.getTask(), sample.getRole().name()}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update(payloadBytes(sample.getPayload()));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Sets the id from the content and returns the sample. */
  public static Sample assign(Sample sample) {
    sample.setId(of(sample));
    return sample;
  }

  private static byte[] payloadBytes(Object payload) {
    try {
      var schema = Sample.getClassSchema().getField("payload").schema();
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<>(schema, SpecificData.getForClass(Sample.class)).write(payload, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
