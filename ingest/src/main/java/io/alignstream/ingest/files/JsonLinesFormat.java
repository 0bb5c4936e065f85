package io.alignstream.ingest.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleJson;
import io.alignstream.schemas.sample.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * JSON lines: either full samples in the {@link SampleJson} form (when a line has a {@code payload}),
 * or flat objects mapped with {@link FieldMapping}. Blank lines are skipped.
 */
public final class JsonLinesFormat implements SampleFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public boolean accepts(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".jsonl") || n.endsWith(".ndjson");
  }

  @Override
  public Stream<Parsed<Sample>> read(Path file, ImportOptions o) throws IOException {
    BufferedReader in = Files.newBufferedReader(file);
    String source = ImportOptions.sourceOf(file);
    AtomicLong line = new AtomicLong();
    return in.lines().onClose(() -> close(in)).map(text -> {
      long n = line.incrementAndGet();
      return text.isBlank() ? null : parse(text, o, source, file + ":" + n);
    }).filter(p -> p != null);
  }

  private static Parsed<Sample> parse(String text, ImportOptions o, String source, String ref) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return Parsed.bad("not JSON: " + e.getMessage().lines().findFirst().orElse(""), ref, text);
    }
    if (node == null || !node.isObject()) {
      return Parsed.bad("a line must hold a JSON object", ref, text);
    }
    if (node.has("payload")) {
      SampleJson.Result r = SampleJson.read(node, new SampleJson.Defaults(o.task(), o.role(), source, o.domain()));
      return r.ok() ? Parsed.ok(r.sample(), ref) : Parsed.bad(String.join("; ", r.errors()), ref, text);
    }
    Map<String, String> row = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> row.put(e.getKey(),
        e.getValue().isNull() ? null : e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return FieldMapping.toSample(row, o, source, ref);
  }

  private static void close(BufferedReader in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
