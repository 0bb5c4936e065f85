package io.alignstream.ingest.files;

/** The file formats {@code bin/alignstream ingest --format} knows. */
public final class Formats {
  private Formats() {}

  /** Format names on the command line. */
  public enum Name { jsonl, csv, image }

  public static SampleFormat of(Name name) {
    return switch (name) {
      case jsonl -> new JsonLinesFormat();
      case csv -> new CsvFormat();
      case image -> new ImageFormat();
    };
  }
}
