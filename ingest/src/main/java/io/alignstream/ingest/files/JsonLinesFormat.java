package io.alignstream.ingest.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleJson;
import io.alignstream.schemas.sample.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    // Lines are split on the bytes (ISO-8859-1 keeps every byte) and decoded one by one, so a line that
    // is not UTF-8 is one bad record instead of an exception that loses the rest of the file.
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
    String source = ImportOptions.sourceOf(file);
    AtomicLong line = new AtomicLong();
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    return in.lines().onClose(() -> close(in)).map(bytes -> {
      long n = line.incrementAndGet();
      String ref = file + ":" + n;
      String text;
      try {
        text = utf8.decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1))).toString();
      } catch (CharacterCodingException e) {
        return Parsed.<Sample>bad("line is not valid UTF-8 text", ref, bytes);
      }
      return text.isBlank() ? null : parse(text, o, source, ref);
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
