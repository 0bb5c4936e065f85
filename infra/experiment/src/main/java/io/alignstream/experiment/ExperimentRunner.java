package io.alignstream.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.ingest.sample.SampleJson;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.training.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Runs the research protocol of DESIGN §1 through the live pipeline: the target samples and then the
 * pool go into ingest ({@code POST /samples}, as any client), a size × alignment family policy goes to
 * the curator ({@code PUT /policies/{id}}), and the runner follows the stages until every dataset is
 * trained and the analyzer has fitted all of its results. It only reads what the services publish: the
 * scored and dead-letter topics, the curator's manifests, the trainer's status, the analyzer's API.
 *
 * <p>Stages end by evidence, not by time: scoring when every accepted pool sample is on
 * {@code samples-scored}; curation when every member is sealed, or when scoring is over and the
 * manifests stop changing (a bucket the pool could not fill is reported as unsealed); training when
 * the trainer says each dataset is complete, or has taken every record of an unsealed one; analysis
 * when the analyzer's latest refit of the group counts every published result. A stage that makes no
 * progress for {@link #STALL} ends the run with what is there and says so.
 */
final class ExperimentRunner {
  static final Duration STALL = Duration.ofMinutes(3);
  private static final int BATCH = 500;
  private static final Duration QUIET = Duration.ofSeconds(15);

  private final StackEndpoints stack;
  private final ExperimentSpec spec;
  private final PrintStream console;
  private final Http http = new Http(Duration.ofSeconds(60));

  ExperimentRunner(StackEndpoints stack, ExperimentSpec spec, PrintStream console) {
    this.stack = stack;
    this.spec = spec;
    this.console = console;
  }

  /** Everything the run measured, for the report. */
  record Outcome(ExperimentSpec spec, Workload workload, ObjectNode policy, List<String> datasetIds, String family,
      Map<String, Instant> milestones, Counts counts, JsonNode manifests, JsonNode trainer, JsonNode results,
      JsonNode analysis, JsonNode fits, List<String> problems) {
    boolean complete() {
      return problems.isEmpty();
    }
  }

  /** Sample accounting across the stages. */
  static final class Counts {
    int targetsSent;
    int targetsAccepted;
    int poolSent;
    int poolAccepted;
    int rejected;
    final Map<String, Integer> rejectedReasons = new TreeMap<>();
    int scored;
    final Map<String, Integer> deadLetters = new TreeMap<>();
    long curated;
    long trained;
    int results;
    /** Results of this run on training-results (the analyzer's count must reach it). */
    int published;
    /** Records the runner could not decode, per topic (skipped; the stages dead-letter them). */
    final Map<String, Integer> unreadable = new TreeMap<>();
  }

  Outcome run(Workload workload) throws Exception {
    Map<String, Instant> milestones = new LinkedHashMap<>();
    milestones.put("start", Instant.now());
    Counts counts = new Counts();
    List<String> problems = new ArrayList<>();
    long[] sizes = spec.memberSizes(workload.pool().size());
    ObjectNode policy = policy(sizes);
    Set<String> poolIds = new HashSet<>();
    Set<String> allIds = new HashSet<>();
    Set<String> scoredIds = new HashSet<>();
    Deserializer<DeadLetter> deadLetters = stack.topics().deadLetters().valueSerde().deserializer();
    Deserializer<TargetReference> references = stack.topics().targetEmbeddings().valueSerde().deserializer();
    Deserializer<TrainingResult> trainingResults = stack.topics().trainingResults().valueSerde().deserializer();
    Set<String> published = new HashSet<>();
    Set<String> strays = new HashSet<>();
    Progress progress = new Progress(console, milestones.get("start"));
    try (TopicWatch scored = new TopicWatch(stack.kafka(), stack.topics().samplesScored().name(), true);
        TopicWatch dead = new TopicWatch(stack.kafka(), stack.topics().deadLetters().name(), true);
        TopicWatch refs = new TopicWatch(stack.kafka(), stack.topics().targetEmbeddings().name(), false);
        TopicWatch resultWatch = new TopicWatch(stack.kafka(), stack.topics().trainingResults().name(), true)) {
      Runnable follow = () -> {
        scored.poll(Duration.ofMillis(50), r -> {
          if (poolIds.contains(r.key())) {
            scoredIds.add(r.key());
          }
        });
        dead.poll(Duration.ofMillis(50), r -> {
          if (r.key() != null && allIds.contains(r.key())) {
            DeadLetter d = deadLetters.deserialize(r.topic(), r.headers(), r.value());
            counts.deadLetters.merge(d.getStage() + ": " + d.getErrorClass(), 1, Integer::sum);
          }
        });
        // What the trainer published for this run: the analyzer must have fitted all of it before the end.
        resultWatch.poll(Duration.ofMillis(50), r -> {
          TrainingResult t = trainingResults.deserialize(r.topic(), r.headers(), r.value());
          if (t != null && spec.task().equals(t.getTask())) {
            // a result of this task outside the family (no manifest when it was evaluated) is not the
            // analyzer's to count in this group: say so in the report instead of waiting for it
            (spec.name().equals(t.getFamily()) ? published : strays)
                .add(t.getDatasetId() + "|" + t.getRunId() + "|" + t.getStep());
          }
        });
        counts.scored = scoredIds.size();
        counts.published = published.size();
      };

      // 1. The family policy, in force before any pool sample can reach the curator.
      List<String> datasetIds = putPolicy(policy);
      console.printf("Experiment %s: task %s, family %s (%d datasets: %d alignment buckets × sizes %s%s)%n", spec.name(),
          spec.task(), spec.name(), datasetIds.size(), spec.buckets(), java.util.Arrays.toString(sizes),
          spec.controls() ? " + random controls" : "");
      console.println(workload.description());

      // 2. Targets, then wait until the scorer has folded all of them into the target's reference.
      send(workload.targets(), allIds, null, counts, true, follow, progress);
      milestones.put("targets sent", Instant.now());
      awaitReference(refs, references, counts.targetsAccepted, follow);
      milestones.put("target reference", Instant.now());

      // 3. The pool, followed through every stage.
      send(workload.pool(), allIds, poolIds, counts, false, () -> {
        follow.run();
        progress.update(counts, null, null, null);
      }, progress);
      milestones.put("pool sent", Instant.now());

      Stage stage = new Stage();
      JsonNode manifests = null;
      JsonNode trainer = null;
      JsonNode analysis = null;
      String family = spec.name();
      Instant deadline = milestones.get("start").plus(spec.timeout());
      while (true) {
        follow.run();
        manifests = ours(http.getOk(stack.url("curator") + "/datasets"), "datasetId", datasetIds);
        trainer = ours(http.getOk(stack.url("trainer") + "/api/trainer/status").path("datasets"), "datasetId",
            datasetIds);
        counts.curated = sum(manifests, "size");
        counts.trained = sum(trainer, "size");
        JsonNode groups = http.getOk(stack.url("analyzer") + "/api/groups");
        counts.results = 0;
        for (JsonNode g : groups) {
          if (g.path("task").asText().equals(spec.task()) && g.path("family").asText().equals(family)) {
            counts.results = g.path("results").asInt();
          }
        }
        analysis = analysisOf(family);
        progress.update(counts, manifests, trainer, analysis);

        Instant now = Instant.now();
        stage.observe(counts, manifests, trainer, now);
        if (!milestones.containsKey("scored") && counts.scored >= counts.poolAccepted) {
          milestones.put("scored", now);
        }
        boolean scoringOver = milestones.containsKey("scored") || stage.quietFor(now, "scored", STALL);
        if (!milestones.containsKey("curated") && allSealed(manifests, datasetIds)) {
          milestones.put("curated", now);
        } else if (!milestones.containsKey("curated") && scoringOver && stage.quietFor(now, "curated", QUIET)) {
          milestones.put("curated", now);
        }
        if (milestones.containsKey("curated") && !milestones.containsKey("trained")
            && trainingOver(manifests, trainer, datasetIds, stage, now)) {
          milestones.put("trained", now);
        }
        if (milestones.containsKey("trained") && scoringOver && analysis != null && counts.results > 0
            && counts.results >= counts.published
            && analysis.path("points").asInt() == counts.results && stage.quietFor(now, "results", Duration.ofSeconds(4))) {
          milestones.put("analysed", now);
          break;
        }
        if (now.isAfter(deadline)) {
          problems.add("The run reached its time limit (" + spec.timeout().toMinutes() + " min, --timeout) before "
              + nextMilestone(milestones) + " finished; the report shows what was there");
          break;
        }
        if (stage.quietFor(now, "any", STALL)) {
          problems.add("Nothing progressed for " + STALL.toMinutes() + " min before " + nextMilestone(milestones)
              + " finished (see the service logs under .alignstream/logs); the report shows what was there");
          break;
        }
        Thread.sleep(1000);
      }
      progress.finish(counts, manifests, trainer, analysis);
      for (TopicWatch w : List.of(scored, dead, refs, resultWatch)) {
        if (w.unreadable() > 0) {
          counts.unreadable.put(w.topic(), w.unreadable());
        }
      }
      if (!strays.isEmpty()) {
        problems.add(strays.size() + " training results of this task were published without the family " + family
            + " (their datasets trained before the trainer knew their manifests); the analysis leaves them out");
      }
      if (counts.scored < counts.poolAccepted) {
        problems.add((counts.poolAccepted - counts.scored) + " accepted pool samples never reached samples-scored");
      }
      JsonNode results = http.getOk(stack.url("analyzer") + "/api/results?" + Http.query("task", spec.task()) + "&"
          + Http.query("family", family));
      JsonNode fits = http.getOk(stack.url("analyzer") + "/api/fits?" + Http.query("task", spec.task()) + "&"
          + Http.query("family", family));
      return new Outcome(spec, workload, policy, datasetIds, family, milestones, counts, manifests, trainer, results,
          analysis, fits, problems);
    }
  }

  /** The family policy of DESIGN §1: alignment buckets × sizes, plus random controls of the same sizes. */
  ObjectNode policy(long[] sizes) {
    ObjectNode p = Http.JSON.createObjectNode();
    p.put("datasetId", spec.name()).put("task", spec.task()).put("targetId", spec.targetId()).put("method", spec.method())
        .put("kind", "family");
    ObjectNode params = p.putObject("parameters");
    params.put("buckets", Integer.toString(spec.buckets()));
    StringBuilder s = new StringBuilder();
    for (long size : sizes) {
      s.append(s.length() == 0 ? "" : ",").append(size);
    }
    params.put("sizes", s.toString()).put("layout", "disjoint").put("warmup", Integer.toString(spec.warmup()))
        .put("controls", Boolean.toString(spec.controls())).put("seed", Long.toString(spec.seed()));
    ObjectNode rules = p.putObject("rules");
    rules.put("dedup", "exact");
    if (spec.kind().equals("solar")) {
      rules.put("max-noaa-num", "1"); // Newman et al. 2025: multi-AR patches out
    }
    return p;
  }

  private List<String> putPolicy(ObjectNode policy) throws IOException, InterruptedException {
    Http.Answer a = http.put(stack.url("curator") + "/policies/" + spec.name(), policy);
    if (a.status() != 202) {
      throw new IllegalStateException("The curator refused the experiment's policy (" + a.status() + "): " + a.body());
    }
    List<String> ids = new ArrayList<>();
    a.body().path("datasets").forEach(d -> ids.add(d.asText()));
    return ids;
  }

  /**
   * Posts samples in batches of {@value #BATCH}; waits as told on 429/503 and retries the same batch (ids
   * are content hashes, so a batch that was stored before the error is stored under the same ids).
   */
  private void send(List<Sample> samples, Set<String> allIds, Set<String> poolIds, Counts counts, boolean targets,
      Runnable between, Progress progress) throws IOException, InterruptedException {
    for (int from = 0; from < samples.size(); from += BATCH) {
      List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
      if (targets) {
        counts.targetsSent += batch.size();
      } else {
        counts.poolSent += batch.size();
      }
      Http.Answer a = post(batch);
      if (a.status() == 400) {
        // All or nothing: ingest stored none of the batch and dead-lettered the bad items. Count those and
        // send the rest again, so one bad sample does not cost its batch.
        Set<Integer> bad = new HashSet<>();
        for (JsonNode item : a.body().path("items")) {
          bad.add(item.path("index").asInt());
          item.path("errors").forEach(e -> counts.rejectedReasons.merge(e.asText(), 1, Integer::sum));
        }
        counts.rejected += bad.size();
        List<Sample> good = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          if (!bad.contains(i)) {
            good.add(batch.get(i));
          }
        }
        if (bad.isEmpty() || good.isEmpty()) {
          counts.rejected += good.size();
          between.run();
          continue;
        }
        a = post(good);
      }
      if (a.status() == 200) {
        for (JsonNode s : a.body().path("samples")) {
          String id = s.path("id").asText();
          allIds.add(id);
          if (poolIds != null) {
            poolIds.add(id);
          }
        }
        int accepted = a.body().path("accepted").asInt();
        if (targets) {
          counts.targetsAccepted += accepted;
        } else {
          counts.poolAccepted = poolIds.size();
        }
      } else {
        throw new IOException("ingest answered " + a.status() + " to a batch of " + batch.size() + ": " + a.body());
      }
      between.run();
    }
  }

  /** One POST; waits as told on 429/503 and sends the same batch again. */
  private Http.Answer post(List<Sample> batch) throws IOException, InterruptedException {
    ArrayNode body = Http.JSON.createArrayNode();
    batch.forEach(s -> body.add(SampleJson.write(s)));
    for (int attempt = 1; ; attempt++) {
      Http.Answer a = http.post(stack.url("ingest") + "/samples", body);
      if (a.status() != 429 && a.status() != 503) {
        return a;
      }
      if (attempt >= 60) {
        throw new IOException("ingest kept answering " + a.status() + " for 60 attempts: " + a.body());
      }
      Thread.sleep(1000L * Math.max(1, parseSeconds(a.retryAfter())));
    }
  }

  private static int parseSeconds(String retryAfter) {
    try {
      return retryAfter == null ? 1 : Integer.parseInt(retryAfter.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Waits until the scorer's published reference for the target holds every accepted target sample. */
  private void awaitReference(TopicWatch refs, Deserializer<TargetReference> references, int targets, Runnable follow)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    long[] folded = {-1};
    boolean[] probe = {false};
    boolean encoder = spec.method().equals("task2vec") || spec.method().equals("embedding");
    while (Instant.now().isBefore(deadline)) {
      refs.poll(Duration.ofMillis(500), r -> {
        if (spec.targetId().equals(r.key()) && r.value() != null) {
          TargetReference t = references.deserialize(r.topic(), r.headers(), r.value());
          folded[0] = t.getTargetCount();
          // An encoder's mean (refreshed at most every encoder-reference-every) must cover every target
          // too, or the bucket boundaries would be cut on scores against a partial reference.
          probe[0] = (spec.method().equals("embedding") ? t.getEmbeddingProbeId() : t.getTask2vecProbeId()) != null
              && t.getEncoderTargetCount() >= targets;
        }
      });
      follow.run();
      if (folded[0] >= targets && (probe[0] || !encoder)) {
        console.printf("Target reference ready: %d target samples folded in%s%n", folded[0],
            probe[0] ? ", Task2Vec probe trained" : "");
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("The scorer did not publish a reference for " + spec.targetId() + " with all "
        + targets + " targets" + (encoder ? " and the " + spec.method() + " mean over all of them" : "") + " within 3 minutes"
        + " (folded: " + Math.max(0, folded[0]) + "); is task2vec among the scorer's methods for this task"
        + " (alignstream.scorer.methods)? See .alignstream/logs/scorer.log");
  }

  private JsonNode analysisOf(String family) throws IOException, InterruptedException {
    JsonNode all = http.getOk(stack.url("analyzer") + "/api/analysis?" + Http.query("task", spec.task()) + "&"
        + Http.query("family", family));
    return all.isArray() && all.size() > 0 ? all.get(0) : null;
  }

  private static boolean allSealed(JsonNode manifests, List<String> ids) {
    for (String id : ids) {
      JsonNode m = find(manifests, id);
      if (m == null || !m.path("sealed").asBoolean()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each dataset is complete (sealed and evaluated at its final size), holds nothing (an empty member),
   * or is unsealed with every curated record taken by the trainer and nothing changing.
   */
  private static boolean trainingOver(JsonNode manifests, JsonNode trainer, List<String> ids, Stage stage, Instant now) {
    for (String id : ids) {
      JsonNode m = find(manifests, id);
      JsonNode t = find(trainer, id);
      long curated = m == null ? 0 : m.path("size").asLong();
      if (curated == 0) {
        continue;
      }
      if (t == null) {
        return false;
      }
      String state = t.path("state").asText();
      if (state.equals("complete") || state.equals("failed") || state.equals("untrainable")) {
        continue;
      }
      boolean unsealed = !m.path("sealed").asBoolean();
      if (!(unsealed && t.path("consumed").asLong() >= curated && stage.quietFor(now, "trained", QUIET))) {
        return false;
      }
    }
    return true;
  }

  private static String nextMilestone(Map<String, Instant> milestones) {
    for (String m : List.of("scored", "curated", "trained", "analysed")) {
      if (!milestones.containsKey(m)) {
        return m.equals("analysed") ? "analysis" : m.equals("scored") ? "scoring" : m.equals("curated") ? "curation"
            : "training";
      }
    }
    return "the run";
  }

  static JsonNode find(JsonNode rows, String id) {
    if (rows == null) {
      return null;
    }
    for (JsonNode r : rows) {
      if (id.equals(r.path("datasetId").asText())) {
        return r;
      }
    }
    return null;
  }

  private static JsonNode ours(JsonNode rows, String field, List<String> ids) {
    ArrayNode out = Http.JSON.createArrayNode();
    Set<String> wanted = new HashSet<>(ids);
    rows.forEach(r -> {
      if (wanted.contains(r.path(field).asText())) {
        out.add(r);
      }
    });
    return out;
  }

  private static long sum(JsonNode rows, String field) {
    long total = 0;
    for (JsonNode r : rows) {
      total += r.path(field).asLong();
    }
    return total;
  }

  /** When each observed quantity last changed, to tell "done" from "still going". */
  private static final class Stage {
    private final Map<String, Object> last = new TreeMap<>();
    private final Map<String, Instant> changed = new TreeMap<>();

    void observe(Counts c, JsonNode manifests, JsonNode trainer, Instant now) {
      mark("scored", c.scored, now);
      mark("curated", manifests.toString(), now);
      mark("trained", trainer == null ? "" : String.format(Locale.ROOT, "%d", c.trained) + trainer.findValuesAsText("state"),
          now);
      mark("results", c.results, now);
      mark("any", List.of(c.scored, manifests.toString(), c.trained, c.results), now);
    }

    private void mark(String name, Object value, Instant now) {
      if (!value.equals(last.get(name))) {
        last.put(name, value);
        changed.put(name, now);
      }
    }

    boolean quietFor(Instant now, String name, Duration d) {
      Instant c = changed.get(name);
      return c != null && !now.isBefore(c.plus(d));
    }
  }
}
