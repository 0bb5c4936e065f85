package io.alignstream.ingest.files;

/** The file formats {@code bin/alignstream ingest --format} knows. */
public final class Formats {
  private Formats() {}

  /** Format names on the command line. */
  public enum Name { gettext, jsonl, csv, image, swan_sf, jsoc_json, jsoc_csv }

  public static SampleFormat of(Name name) {
    return switch (name) {
      case jsonl -> new JsonLinesFormat();
      case csv -> new CsvFormat();
      case image -> new ImageFormat();
      case gettext -> new GettextFormat();
      case swan_sf -> SolarFileFormats.swanSf();
      case jsoc_json -> SolarFileFormats.jsoc(true);
      case jsoc_csv -> SolarFileFormats.jsoc(false);
    };
  }
}
