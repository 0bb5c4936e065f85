package io.alignstream.ingest.feeds;

import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Schedules the live solar feeds (off by default: {@code alignstream.feeds.enabled=true}, then per
 * feed {@code alignstream.feeds.<name>.enabled/url/interval}). Polls run one at a time per feed
 * (skipped while the previous poll of that feed still runs). Metrics per feed:
 * {@code alignstream_feed_records_total}, {@code alignstream_feed_errors_total},
 * {@code alignstream_feed_last_success_seconds}.
 */
@ApplicationScoped
public class FeedScheduler {
  private static final Logger LOG = Logger.getLogger(FeedScheduler.class);
  private static final List<String> FEEDS = List.of("swpc-xrays", "swpc-xray-flares", "swpc-regions", "donki-flr", "jsoc-sharp");

  @Inject Scheduler scheduler;
  @Inject TopicCatalogue topics;
  @Inject MeterRegistry meters;
  @Inject Config config;

  @ConfigProperty(name = "alignstream.feeds.enabled", defaultValue = "false")
  boolean enabled;

  @Inject KafkaClientProperties kafka;

  private FeedPublisher publisher;
  private final List<FeedPoller> pollers = new ArrayList<>();

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.info("Live solar feeds are off (alignstream.feeds.enabled=false)");
      return;
    }
    publisher = new FeedPublisher(kafka, topics, "alignstream-ingest-feeds-" + topics.settings().prefix()
        + config.getOptionalValue("alignstream.feeds.instance-id", String.class).orElse("0"));
    FeedHttp http = new FeedHttp(config.getOptionalValue("alignstream.feeds.timeout", Duration.class)
        .orElse(Duration.ofSeconds(20)), 3, Duration.ofSeconds(2));
    for (String name : FEEDS) {
      String prefix = "alignstream.feeds." + name + ".";
      Optional<String> url = config.getOptionalValue(prefix + "url", String.class);
      if (!config.getOptionalValue(prefix + "enabled", Boolean.class).orElse(true) || url.isEmpty()) {
        continue;
      }
      FeedPoller poller = new FeedPoller(feed(name, url.get()), http, publisher, Clock.systemUTC());
      pollers.add(poller);
      metrics(poller);
      String interval = config.getOptionalValue(prefix + "interval", String.class).orElse("60s");
      scheduler.newJob("feed-" + name).setInterval(interval)
          .setConcurrentExecution(io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
          .setTask(ctx -> poller.poll()).schedule();
      LOG.infof("Polling %s every %s from %s", name, interval, url.get());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (publisher != null) {
      publisher.close();
    }
  }

  private Feed feed(String name, String url) {
    return switch (name) {
      case "swpc-xrays" -> SolarFeeds.xrays(url, topics);
      case "swpc-xray-flares" -> SolarFeeds.swpcFlares(url, topics);
      case "swpc-regions" -> SolarFeeds.regions(url, topics);
      case "donki-flr" -> SolarFeeds.donkiFlares(url, topics);
      case "jsoc-sharp" -> SolarFeeds.sharp(url, topics);
      default -> throw new IllegalArgumentException("unknown feed " + name);
    };
  }

  private void metrics(FeedPoller p) {
    Gauge.builder("alignstream.feed.records", p, FeedPoller::records).tag("feed", p.name())
        .description("Records published by the feed").register(meters);
    Gauge.builder("alignstream.feed.errors", p, FeedPoller::errors).tag("feed", p.name())
        .description("Failed polls and malformed records").register(meters);
    Gauge.builder("alignstream.feed.last.success.seconds", p,
            x -> x.lastSuccess() == null ? Double.NaN : x.lastSuccess().getEpochSecond())
        .tag("feed", p.name()).description("Epoch seconds of the last successful poll").register(meters);
  }
}
