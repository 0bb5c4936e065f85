package io.alignstream.bench;

import io.alignstream.infra.registry.MemorySchemaLog;
import io.alignstream.infra.registry.SchemaRegistryServer;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.serde.AvroSerde;
import io.alignstream.schemas.serde.WireFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What bounded decoding costs on the hot path: every stage decodes each record it consumes through
 * the serde, whose decoder checks every length and count against the bytes left (a hostile record
 * cannot make it allocate 2 GiB). Decodes the same framed {@link ScoredSample}s (MT pairs with three
 * scores, as the curator and trainer read them) with the serde, and with Avro's own unbounded
 * decoder as the serde did before 2026-11-23, alternating rounds on one thread, and prints both rates
 * and their ratio. Needs no running stack (an in-memory registry on 127.0.0.1).
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Bounded vs unbounded Avro decoding of scored samples (records/s and ratio).")
public final class AvroDecodeBenchmark implements Callable<Integer> {

  @Option(names = "--records", defaultValue = "20000")
  int records;

  @Option(names = "--rounds", defaultValue = "15", description = "timed rounds per decoder (after 5 warm-up rounds)")
  int rounds;

  /** Median records/s of each decoder and bounded / unbounded. */
  public record Figures(int records, double boundedPerSecond, double unboundedPerSecond, double ratio) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new AvroDecodeBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Figures f = run(records, rounds);
    System.out.printf("%nAvro decoding of %d scored samples, median of %d rounds each, one thread%n", f.records(),
        rounds);
    System.out.printf("bounded (the serde):          %,12.0f records/s%n", f.boundedPerSecond());
    System.out.printf("unbounded (Avro's decoder):   %,12.0f records/s%n", f.unboundedPerSecond());
    System.out.printf("bounded / unbounded:          %12.3f%n", f.ratio());
    return 0;
  }

  public static Figures run(int records, int rounds) throws IOException {
    SchemaRegistryServer server = new SchemaRegistryServer(new MemorySchemaLog(), "127.0.0.1", 0);
    server.start();
    try {
      RegistryClient registry = new RegistryClient(RegistrySettings.of(server.url()));
      AvroSerde<ScoredSample> serde = AvroSerde.forValues(ScoredSample.class, registry);
      String topic = "bench-decode";
      List<byte[]> framed = new ArrayList<>(records);
      Random random = new Random(7);
      for (int i = 0; i < records; i++) {
        framed.add(serde.serializer().serialize(topic, scored(i, random)));
      }
      Deserializer<ScoredSample> bounded = serde.deserializer();
      // the serde's read before bounded decoding: frame, reader per schema id, Avro's decoder, end check
      Map<Integer, SpecificDatumReader<ScoredSample>> readers = new ConcurrentHashMap<>();
      Round unbounded = bytes -> {
        SpecificDatumReader<ScoredSample> reader = readers.computeIfAbsent(WireFormat.schemaId(topic, bytes),
            id -> new SpecificDatumReader<>(ScoredSample.getClassSchema(), ScoredSample.getClassSchema(),
                SpecificData.getForClass(ScoredSample.class)));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_LENGTH,
            bytes.length - WireFormat.HEADER_LENGTH, null);
        ScoredSample s = reader.read(null, decoder);
        if (!decoder.isEnd()) {
          throw new IOException("trailing bytes");
        }
        return s;
      };
      Round serdeRound = bytes -> bounded.deserialize(topic, bytes);
      for (int w = 0; w < 5; w++) {
        time(serdeRound, framed);
        time(unbounded, framed);
      }
      double[] b = new double[rounds];
      double[] u = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        b[r] = records / time(serdeRound, framed);
        u[r] = records / time(unbounded, framed);
      }
      double bm = median(b);
      double um = median(u);
      return new Figures(records, bm, um, bm / um);
    } finally {
      server.close();
    }
  }

  private interface Round {
    ScoredSample decode(byte[] bytes) throws IOException;
  }

  /** Seconds to decode every record once. */
  private static double time(Round round, List<byte[]> framed) throws IOException {
    long sink = 0;
    long start = System.nanoTime();
    for (byte[] bytes : framed) {
      sink += round.decode(bytes).getScores().size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink < 0) {
      throw new IllegalStateException("unreachable");
    }
    return seconds;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static ScoredSample scored(int i, Random random) {
    String words = "the quick brown fox jumps over the lazy dog while the file is opened for reading";
    int cut = 20 + random.nextInt(words.length() - 20);
    Sample sample = Sample.newBuilder()
        .setId(String.format("sha256:%064x", i))
        .setTask("mt.en-fr")
        .setRole(Role.POOL)
        .setSource("bench")
        .setDomain("domain-" + i % 7)
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
        .setIngestTime(Instant.ofEpochMilli(1_700_000_000_100L + i))
        .setPayload(new TextPair(words.substring(0, cut), "le renard brun " + words.substring(cut), "en", "fr"))
        .setMetadata(Map.of("file", "git.mo"))
        .build();
    List<AlignmentScore> scores = new ArrayList<>();
    for (String method : List.of("task2vec", "dsir", "gzip")) {
      scores.add(AlignmentScore.newBuilder().setTargetId("target-1").setMethod(method).setProbeId("probe-" + method)
          .setReferenceVersion(3).setValue(random.nextDouble()).build());
    }
    return ScoredSample.newBuilder().setSample(sample).setScores(scores)
        .setScoredTime(Instant.ofEpochMilli(1_700_000_000_200L + i)).build();
  }
}
