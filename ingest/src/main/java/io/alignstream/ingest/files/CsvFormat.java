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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
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
    Reader in = Files.newBufferedReader(file);
    MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema)
        .with(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS).readValues(in);
    String source = ImportOptions.sourceOf(file);
    Iterator<Parsed<Sample>> parsed = new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return rows.hasNextValue();
        } catch (IOException e) {
          return false;
        }
      }

      @Override
      public Parsed<Sample> next() {
        String ref = file + ":" + (rows.getCurrentLocation().getLineNr());
        try {
          Map<String, String> row = rows.nextValue();
          return FieldMapping.toSample(row, o, source, ref);
        } catch (IOException | RuntimeException e) {
          return Parsed.bad("bad CSV row: " + e.getMessage().lines().findFirst().orElse(""), ref, null);
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
}
