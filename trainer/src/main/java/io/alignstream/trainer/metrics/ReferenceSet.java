package io.alignstream.trainer.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * References regrouped per segment, the way sacreBLEU reads reference streams: stream k holds the
 * k-th reference of every segment; an empty (or null) entry means "this segment has fewer
 * references", and a segment left with none is an error.
 *
 * @param bySegment the non-empty references of each segment
 */
record ReferenceSet(List<List<String>> bySegment) {

  static ReferenceSet of(List<String> hypotheses, List<? extends List<String>> streams) {
    Objects.requireNonNull(hypotheses, "hypotheses");
    if (hypotheses.isEmpty()) {
      throw new IllegalArgumentException("there are no hypotheses to score");
    }
    if (streams == null || streams.isEmpty()) {
      throw new IllegalArgumentException("at least one reference stream is needed");
    }
    for (int k = 0; k < streams.size(); k++) {
      if (streams.get(k).size() != hypotheses.size()) {
        throw new IllegalArgumentException("reference stream " + (k + 1) + " has " + streams.get(k).size()
            + " segments but there are " + hypotheses.size() + " hypotheses");
      }
    }
    List<List<String>> segments = new ArrayList<>(hypotheses.size());
    for (int i = 0; i < hypotheses.size(); i++) {
      if (hypotheses.get(i) == null) {
        throw new IllegalArgumentException("hypothesis " + (i + 1) + " is null");
      }
      List<String> refs = new ArrayList<>(streams.size());
      for (List<String> stream : streams) {
        String ref = stream.get(i);
        if (ref != null && !ref.isEmpty()) {
          refs.add(ref);
        }
      }
      if (refs.isEmpty()) {
        throw new IllegalArgumentException("segment " + (i + 1) + " has no non-empty reference");
      }
      segments.add(List.copyOf(refs));
    }
    return new ReferenceSet(List.copyOf(segments));
  }

  /** The signature's {@code nrefs}: the count when every segment has as many, else {@code var}. */
  String nrefs() {
    long distinct = bySegment.stream().mapToInt(List::size).distinct().count();
    return distinct == 1 ? Integer.toString(bySegment.get(0).size()) : "var";
  }
}
