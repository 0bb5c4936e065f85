package io.alignstream.ingest.files;

import io.alignstream.schemas.sample.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the user told {@code bin/alignstream ingest} about the files.
 *
 * @param task e.g. mt.en-fr; decides the payload type for tabular formats (mt → TextPair, lm → Text,
 *     solar → Features)
 * @param domain fixed domain, or null to take it from the file (catalog name, column)
 * @param fields column mapping for JSON lines and CSV: payload field → column (src, tgt, text, label,
 *     domain, eventTime)
 * @param features feature columns for Features payloads (empty = every numeric column but the label)
 * @param srcLang source language of text pairs; tgtLang target language (gettext: from the path)
 * @param labels labels CSV for images ({@code file,label[,pixelSizeAngstrom]})
 * @param pixelSizeAngstrom pixel size of images when the labels file has none
 * @param harpNoaa JSOC HARP→NOAA mapping file for SHARP records without NOAA_ARS
 * @param domainRules gettext catalog → domain group rules ({@code group=regex|regex;...}), null = defaults
 */
public record ImportOptions(String task, Role role, String domain, Map<String, String> fields, List<String> features,
    String srcLang, String tgtLang, Path labels, Double pixelSizeAngstrom, Path harpNoaa, String domainRules) {

  public ImportOptions {
    fields = Map.copyOf(fields);
    features = List.copyOf(features);
  }

  /** The payload family of the task: the part before the first dot. */
  public String family() {
    return task.split("\\.", 2)[0];
  }

  /** A source name stable across imports of the same file. */
  public static String sourceOf(Path file) {
    return "file:" + file.toAbsolutePath().normalize();
  }
}
