package io.alignstream.infra.security;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.Serde;

/**
 * The ACL table of the secure stack, the one place that says what each service user may do. Derived
 * from the topic catalogue (names carry the stack's topic prefix) and from what each service's README
 * lists as consumed and produced. Everything not granted here is refused
 * ({@code allow.everyone.if.no.acl.found=false}); {@code admin} and {@code broker} are super users.
 *
 * <p>Conventions: WRITE and READ imply DESCRIBE; an idempotent producer needs no cluster
 * IdempotentWrite since Kafka 3.0 (WRITE on a topic is enough). A Kafka Streams application id
 * {@code A} gets its consumer group {@code A}, ALL on the internal topics {@code A-*} (changelogs,
 * repartition topics: created, read, written, purged) and the transactional ids {@code A-*}
 * (exactly_once_v2). Application ids, transactional ids and group names below must follow the
 * services' {@code application.properties} and code.
 */
public final class AccessControl {

  /** One row: {@code user} may do {@code operations} on the resource(s) named (literally or by prefix). */
  public record Grant(String user, ResourceType type, PatternType pattern, String name, List<AclOperation> operations) {
    public Grant {
      operations = List.copyOf(operations);
    }

    /** One ALLOW binding per operation, from any host. */
    public List<AclBinding> bindings() {
      ResourcePattern resource = new ResourcePattern(type, name, pattern);
      return operations.stream().map(op -> new AclBinding(resource,
          new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW))).toList();
    }

    @Override
    public String toString() {
      return String.format("%-9s %-16s %-8s %-45s %s", user, type, pattern, name,
          operations.stream().map(Enum::name).collect(Collectors.joining(",")));
    }
  }

  private AccessControl() {}

  /** The whole table for one catalogue (its prefix), grouped by user. */
  public static List<Grant> table(TopicCatalogue t) {
    String p = t.settings().prefix();
    List<Grant> g = new ArrayList<>();

    // ingest: HTTP, files and live feeds into samples-raw; feeds in one transaction with their cursors;
    // Kafka Streams solar late-label join (solar-sharp + solar-flares -> samples-raw).
    g.addAll(topics("ingest", List.of(WRITE), t.samplesRaw(), t.deadLetters(), t.solarObservations()));
    g.addAll(topics("ingest", List.of(READ, WRITE), t.solarSharp(), t.solarFlares(), t.feedCursors()));
    g.add(new Grant("ingest", TRANSACTIONAL_ID, PREFIXED, "alignstream-ingest-feeds-" + p, List.of(WRITE, DESCRIBE)));
    g.add(new Grant("ingest", GROUP, PREFIXED, "cursor-loader-", List.of(READ)));
    g.addAll(streamsApplication("ingest", p + "alignstream-ingest-solar-labels"));

    // scorer: samples-raw -> samples-scored, target references and alignment windows (Kafka Streams).
    g.addAll(topics("scorer", List.of(READ), t.samplesRaw()));
    g.addAll(topics("scorer", List.of(READ, WRITE), t.targetSamples(), t.targetEmbeddings()));
    g.addAll(topics("scorer", List.of(WRITE), t.samplesScored(), t.alignmentWindows(), t.deadLetters()));
    g.addAll(streamsApplication("scorer", p + "alignstream-scorer"));
    // scorer's coefficient service: windows from samples-scored (its own group), targets from target-samples,
    // datasets from manifests and curated-<dataset> (assigned) -> alignment-windows, dataset-alignment.
    g.addAll(topics("scorer", List.of(READ), t.samplesScored(), t.datasets()));
    g.addAll(topics("scorer", List.of(READ, WRITE), t.datasetAlignment()));
    g.add(new Grant("scorer", TOPIC, PREFIXED, t.curatedPrefix(), List.of(READ)));
    g.add(new Grant("scorer", GROUP, LITERAL, p + "alignstream-scorer-coefficients", List.of(READ)));

    // curator: samples-scored -> curated-<dataset> (which it creates) and manifests; publishes policies.
    g.addAll(topics("curator", List.of(READ), t.samplesScored()));
    g.addAll(topics("curator", List.of(READ, WRITE), t.curationPolicies(), t.curatorByDataset(), t.datasets()));
    g.addAll(topics("curator", List.of(WRITE), t.deadLetters()));
    g.add(new Grant("curator", TOPIC, PREFIXED, t.curatedPrefix(), List.of(CREATE, WRITE)));
    g.addAll(streamsApplication("curator", p + "alignstream-curator"));

    // trainer: curated-<dataset> (assigned, no group), targets and manifests -> training-results.
    g.add(new Grant("trainer", TOPIC, PREFIXED, t.curatedPrefix(), List.of(READ)));
    g.addAll(topics("trainer", List.of(READ), t.targetSamples(), t.datasets()));
    g.addAll(topics("trainer", List.of(WRITE), t.trainingResults(), t.deadLetters()));

    // analyzer: results, manifests, windows, dead letters (assigned, no group) -> scaling-fits; its
    // health summary describes every topic and the stack's consumer groups (offsets and lag only).
    List<TopicSpec<String, ?>> analyzerReads = List.of(t.trainingResults(), t.datasets(), t.alignmentWindows(),
        t.datasetAlignment());
    g.addAll(topics("analyzer", List.of(READ), t.trainingResults(), t.datasets(), t.alignmentWindows(),
        t.datasetAlignment()));
    g.addAll(topics("analyzer", List.of(READ, WRITE), t.scalingFits(), t.deadLetters()));
    List<TopicSpec<String, ?>> described = new ArrayList<>(t.fixedTopics());
    described.removeAll(analyzerReads);
    described.removeAll(List.of(t.scalingFits(), t.deadLetters()));
    g.addAll(topics("analyzer", List.of(DESCRIBE), described.toArray(TopicSpec[]::new)));
    g.add(new Grant("analyzer", TOPIC, PREFIXED, t.curatedPrefix(), List.of(DESCRIBE)));
    g.add(new Grant("analyzer", GROUP, PREFIXED, p + "alignstream-", List.of(DESCRIBE)));

    // registry: its schema log, created compacted with one partition when missing.
    g.add(new Grant("registry", TOPIC, LITERAL, TopicCatalogue.REGISTRY_TOPIC,
        List.of(READ, WRITE, CREATE, DESCRIBE_CONFIGS)));
    return List.copyOf(g);
  }

  /** A catalogue for topic names only (its serdes are absent): enough for the table before the registry runs. */
  public static TopicCatalogue names(TopicCatalogue.Settings settings) {
    return new TopicCatalogue(settings, new TopicCatalogue.SerdeFactory() {
      @Override
      public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return null;
      }
    });
  }

  /** Every binding of the table, without duplicates. */
  public static Set<AclBinding> bindings(TopicCatalogue catalogue) {
    Set<AclBinding> all = new LinkedHashSet<>();
    table(catalogue).forEach(grant -> all.addAll(grant.bindings()));
    return all;
  }

  /** The table as text, one grant per line (the launcher logs it; infra/README shows it). */
  public static String describe(TopicCatalogue catalogue) {
    return table(catalogue).stream().map(Grant::toString).collect(Collectors.joining("\n"));
  }

  private static List<Grant> topics(String user, List<AclOperation> operations, TopicSpec<?, ?>... specs) {
    return Arrays.stream(specs).map(s -> new Grant(user, TOPIC, LITERAL, s.name(), operations)).toList();
  }

  private static List<Grant> streamsApplication(String user, String applicationId) {
    return List.of(
        new Grant(user, GROUP, LITERAL, applicationId, List.of(READ)),
        new Grant(user, TOPIC, PREFIXED, applicationId + "-", List.of(ALL)),
        new Grant(user, TRANSACTIONAL_ID, PREFIXED, applicationId + "-", List.of(WRITE, DESCRIBE)));
  }
}
