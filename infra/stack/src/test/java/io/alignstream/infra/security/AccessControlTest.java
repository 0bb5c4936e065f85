package io.alignstream.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AccessControlTest {
  private final TopicCatalogue topics = AccessControl.names(new TopicCatalogue.Settings("t1-", 3, (short) 1));
  private final List<AccessControl.Grant> table = AccessControl.table(topics);

  @Test
  void shouldGiveEveryTopicButTheDeadLettersExactlyOneWriter() {
    for (TopicSpec<String, ?> topic : topics.fixedTopics()) {
      Set<String> writers = table.stream()
          .filter(g -> g.type() == ResourceType.TOPIC && g.pattern() == PatternType.LITERAL)
          .filter(g -> g.name().equals(topic.name()) && g.operations().contains(AclOperation.WRITE))
          .map(AccessControl.Grant::user).collect(Collectors.toSet());
      if (topic.equals(topics.deadLetters())) {
        assertThat(writers).containsExactlyInAnyOrder("ingest", "scorer", "curator", "trainer", "analyzer");
      } else {
        assertThat(writers).as(topic.name()).hasSize(1);
      }
    }
  }

  @Test
  void shouldGiveEachStreamsApplicationItsGroupInternalTopicsAndTransactionalIds() {
    assertThat(grants("scorer", ResourceType.GROUP)).containsExactlyInAnyOrder("LITERAL t1-alignstream-scorer READ",
        "LITERAL t1-alignstream-scorer-coefficients READ");
    assertThat(grants("scorer", ResourceType.TRANSACTIONAL_ID)).containsExactly("PREFIXED t1-alignstream-scorer- WRITE,DESCRIBE");
    assertThat(grants("scorer", ResourceType.TOPIC)).contains("PREFIXED t1-alignstream-scorer- ALL");
    assertThat(grants("curator", ResourceType.GROUP)).containsExactly("LITERAL t1-alignstream-curator READ");
    assertThat(grants("ingest", ResourceType.GROUP)).contains("LITERAL t1-alignstream-ingest-solar-labels READ");
  }

  @Test
  void shouldLetOnlyTheCuratorCreateCuratedTopicsAndOnlyTheTrainerAndTheCoefficientServiceReadThem() {
    List<AccessControl.Grant> curated = table.stream().filter(g -> g.name().equals("t1-curated-")).toList();

    assertThat(curated).extracting(g -> g.user() + " " + g.operations()).containsExactlyInAnyOrder(
        "curator [CREATE, WRITE]", "trainer [READ]", "scorer [READ]", "analyzer [DESCRIBE]");
  }

  @Test
  void shouldKeepEveryTopicAndGroupNameInsideTheStacksPrefix() {
    List<String> outside = table.stream().filter(g -> g.type() != ResourceType.TRANSACTIONAL_ID)
        .map(AccessControl.Grant::name).filter(n -> !n.startsWith("t1-")).distinct().toList();

    // The registry's topic is never prefixed (as Confluent's); the feeds' cursor reader uses a random group.
    assertThat(outside).containsExactlyInAnyOrder(TopicCatalogue.REGISTRY_TOPIC, "cursor-loader-");
  }

  @Test
  void shouldNotGrantTheAnalyzerReadingOfUpstreamSamples() {
    assertThat(table).filteredOn(g -> g.user().equals("analyzer") && g.name().equals(topics.samplesRaw().name()))
        .extracting(AccessControl.Grant::operations).containsExactly(List.of(AclOperation.DESCRIBE));
  }

  private List<String> grants(String user, ResourceType type) {
    return table.stream().filter(g -> g.user().equals(user) && g.type() == type)
        .map(g -> g.pattern() + " " + g.name() + " " + g.operations().stream().map(Enum::name)
            .collect(Collectors.joining(","))).toList();
  }
}
