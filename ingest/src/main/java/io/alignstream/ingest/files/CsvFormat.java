package io.alignstream.ingest.files;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.schemas.sample.Sample;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * CSV with a header row (comma-separated, or tab-separated for {@code .tsv}), each row mapped with
 * {@link FieldMapping}. A row with the wrong number of columns is a bad record; the rest go on.
 */
public final class CsvFormat implements SampleFormat {
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public boolean accepts(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".csv") || n.endsWith(".tsv");
  }

  @Override
  public Stream<Parsed<Sample>> read(Path file, ImportOptions o) throws IOException {
    char separator = file.getFileName().toString().endsWith(".tsv") ? '\t' : ',';
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
    // Read as ISO-8859-1, which keeps every byte, and decode each cell as UTF-8 afterwards: separators,
    // quotes and line ends are ASCII, which never occurs inside a UTF-8 sequence, so the split is the
    // same, and a row with bytes that are not UTF-8 is one bad record instead of the end of the file.
    Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
    MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema)
        .with(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS).readValues(in);
    String source = ImportOptions.sourceOf(file);
    Iterator<Parsed<Sample>> parsed = new Iterator<>() {
      // Where the CSV could not be read on (an unterminated quote, bytes that are not UTF-8): reported
      // once as a bad item, since nothing after it can be split into rows, instead of ending silently.
      private Parsed<Sample> broken;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (done) {
          return false;
        }
        if (broken != null) {
          return true;
        }
        try {
          if (rows.hasNextValue()) {
            return true;
          }
          done = true;
          return false;
        } catch (IOException | RuntimeException e) {
          broken = Parsed.bad("bad CSV: cannot read on from here, the rest of the file is skipped: " + reason(e),
              file + ":" + rows.getCurrentLocation().getLineNr(), null);
          return true;
        }
      }

      @Override
      public Parsed<Sample> next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        if (broken != null) {
          done = true;
          return broken;
        }
        String ref = file + ":" + (rows.getCurrentLocation().getLineNr());
        try {
          Map<String, String> row;
          try {
            row = utf8(rows.nextValue());
          } catch (CharacterCodingException e) {
            return Parsed.bad("bad CSV row: not valid UTF-8 text", ref, null);
          }
          return FieldMapping.toSample(row, o, source, ref);
        } catch (IOException | RuntimeException e) {
          return Parsed.bad("bad CSV row: " + reason(e), ref, null);
        }
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(parsed, Spliterator.ORDERED), false)
        .onClose(() -> {
          try {
            in.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Map<String, String> utf8(Map<String, String> latin1) throws CharacterCodingException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : latin1.entrySet()) {
      out.put(utf8(e.getKey()), utf8(e.getValue()));
    }
    return out;
  }

  private static String utf8(String latin1) throws CharacterCodingException {
    if (latin1 == null) {
      return null;
    }
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
  }

  private static String reason(Exception e) {
    String message = e instanceof java.nio.charset.CharacterCodingException
        ? "not valid UTF-8 (" + e.getMessage() + ")" : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
