package io.alignstream.ingest.files;

import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.ingest.solar.HarpNoaaMapping;
import io.alignstream.ingest.solar.HarpNoaaMappingParser;
import io.alignstream.ingest.solar.JsocCsvParser;
import io.alignstream.ingest.solar.JsocRsListParser;
import io.alignstream.ingest.solar.SharpKeywords;
import io.alignstream.ingest.solar.SharpRecord;
import io.alignstream.ingest.solar.SolarParser;
import io.alignstream.ingest.solar.SwanSfParser;
import io.alignstream.ingest.solar.SwanSfSeries;
import io.alignstream.ingest.topology.SolarRecords;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The solar file formats. SWAN-SF files are already labelled (FL/NF) and become training samples
 * of their last row; JSOC SHARP exports (jsoc_info JSON, CSV) are unlabelled and go to
 * {@code solar-sharp}, where the late-label join labels them from the flare feeds.
 */
public final class SolarFileFormats {
  private SolarFileFormats() {}

  /** SWAN-SF partition files: tab-separated {@code .csv}, label from the file name or FL/NF folder. */
  public static SampleFormat swanSf() {
    return new SampleFormat() {
      @Override
      public String name() {
        return "swan-sf";
      }

      @Override
      public boolean accepts(Path file) {
        return file.getFileName().toString().endsWith(".csv");
      }

      @Override
      public Stream<Parsed<Sample>> read(Path file, ImportOptions o) throws IOException {
        List<Parsed<Sample>> out = new ArrayList<>();
        for (Parsed<SwanSfSeries> p : new SwanSfParser().parse(text(file), file.toString())) {
          out.add(p.isOk() ? Parsed.ok(sample(p.value(), file, o), p.sourceRef()) : Parsed.bad(p.error(), p.sourceRef(), p.raw()));
        }
        return out.stream();
      }
    };
  }

  /** JSOC SHARP keyword exports: {@code jsoc_info} JSON ({@code json = true}) or CSV. */
  public static SampleFormat jsoc(boolean json) {
    return new SampleFormat() {
      @Override
      public String name() {
        return json ? "jsoc-json" : "jsoc-csv";
      }

      @Override
      public boolean accepts(Path file) {
        return file.getFileName().toString().endsWith(json ? ".json" : ".csv");
      }

      @Override
      public Stream<Parsed<Sample>> read(Path file, ImportOptions o) throws IOException {
        SolarParser<SharpRecord> parser = json ? new JsocRsListParser() : new JsocCsvParser();
        Map<Integer, List<Integer>> mapping = mapping(o.harpNoaa());
        List<Parsed<Sample>> out = new ArrayList<>();
        for (Parsed<SharpRecord> p : parser.parse(text(file), file.toString())) {
          if (!p.isOk()) {
            out.add(Parsed.bad(p.error(), p.sourceRef(), p.raw()));
            continue;
          }
          SharpRecord r = p.value();
          if (r.noaaArs().isEmpty() && mapping.containsKey(r.harpnum())) {
            List<Integer> ars = mapping.get(r.harpnum());
            r = new SharpRecord(r.harpnum(), r.tRec(), r.noaaAr(), ars.size(), ars, r.keywords());
          }
          out.add(Parsed.ok(SolarRecords.unlabelled(r, o.role(), ImportOptions.sourceOf(file)), p.sourceRef()));
        }
        return out.stream();
      }

      @Override
      public boolean needsLabels() {
        return true;
      }
    };
  }

  private static Sample sample(SwanSfSeries s, Path file, ImportOptions o) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("HARPNUM", Integer.toString(s.harpnum()));
    metadata.put("start", s.start().toString());
    metadata.put("end", s.end().toString());
    if (s.flareClass() != null) {
      metadata.put("FLARE_CLASS", s.flareClass());
    }
    metadata.put("file", file.getFileName().toString());
    Features f = new Features(new ArrayList<>(SharpKeywords.NAMES), Arrays.stream(s.lastFeatures()).boxed().toList(),
        s.label() ? 1.0 : 0.0);
    return Samples.of(o.task(), o.role(), ImportOptions.sourceOf(file), o.domain() != null ? o.domain() : "swan-sf",
        f, s.end(), metadata);
  }

  private static Map<Integer, List<Integer>> mapping(Path file) throws IOException {
    Map<Integer, List<Integer>> out = new HashMap<>();
    if (file == null) {
      return out;
    }
    for (Parsed<HarpNoaaMapping> p : new HarpNoaaMappingParser().parse(text(file), file.toString())) {
      if (p.isOk()) {
        out.put(p.value().harpnum(), p.value().noaaArs());
      }
    }
    return out;
  }

  /** The file as UTF-8 text; bytes that are not UTF-8 make the whole file unreadable, with that reason. */
  private static String text(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + " is not valid UTF-8 text (" + e + ")", e);
    }
  }
}
