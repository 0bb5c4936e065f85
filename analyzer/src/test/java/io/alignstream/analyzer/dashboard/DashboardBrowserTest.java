package io.alignstream.analyzer.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.alignstream.analyzer.SyntheticResults;
import io.alignstream.analyzer.TestRecords;
import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.training.TrainingResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Playwright (which must never
 * download a browser). Skipped, with the reason, where {@code /usr/bin/chromium} is not installed
 * ({@code apt-get install -y chromium}; {@code -Dalignstream.test.chromium=PATH} points elsewhere).
 * Leaves a screenshot at {@code target/dashboard.png}.
 */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class DashboardBrowserTest {
  static final String CHROMIUM = System.getProperty("alignstream.test.chromium", "/usr/bin/chromium");
  private static final Logger LOG = Logger.getLogger(DashboardBrowserTest.class);
  private static final String TASK = "mt.browser-test";
  private static final String FAMILY = "famB";
  private static final double TIMEOUT_MS = 30_000;

  @Inject
  TopicCatalogue topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void needsChromium() {
    boolean installed = Files.isExecutable(Path.of(CHROMIUM));
    String reason = "Browser test skipped: " + CHROMIUM + " is not installed (apt-get update && apt-get install -y"
        + " chromium)";
    if (!installed) {
      LOG.warn(reason);
    }
    Assumptions.assumeTrue(installed, reason);
  }

  @Test
  void shouldDrawFittedCurvesForEveryDatasetAndAddANewDatasetLive() throws Exception {
    // given a family of three datasets with fits, their manifests and some alignment windows
    SyntheticResults synthetic = new SyntheticResults(TASK, FAMILY).noise(0.01);
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-br-90", 0.9, 8, 1e4));
    results.addAll(synthetic.dataset("mt-br-60", 0.6, 8, 1e5));
    results.addAll(synthetic.dataset("mt-br-35", 0.35, 8, 1e5));
    TestRecords.send(bootstrap, topics.trainingResults(), results, TrainingResult::getDatasetId);
    TestRecords.send(bootstrap, topics.datasets(), List.of(TestRecords.manifest("mt-br-90", TASK, FAMILY, 10_000, 0.9), TestRecords.manifest("mt-br-35", TASK, FAMILY, 100_000, 0.35)),
        DatasetManifest::getDatasetId);
    List<AlignmentWindow> windows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      windows.add(TestRecords.window(TASK, i % 2 == 0 ? "postgres" : "git", i, i % 2 == 0 ? 0.8 + 0.004 * i
          : 0.3 + 0.005 * i));
    }
    TestRecords.send(bootstrap, topics.alignmentWindows(), windows, TestRecords::windowKey);
    await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("task", TASK).get("/api/fits").then()
        .extract().jsonPath().getList("$").size() == 7);

    try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(Path.of(CHROMIUM)).setHeadless(true).setArgs(List.of("--no-sandbox")))) {
      Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1800));
      List<String> errors = new ArrayList<>();
      page.onPageError(errors::add);
      page.navigate(root + "?task=" + TASK + "&family=" + FAMILY);

      // then both charts draw every dataset's points and fitted curves
      page.waitForSelector("#loss-chart canvas", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
      page.waitForSelector("#live[data-state=live]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
      assertThat(page.getAttribute("#loss-chart", "data-series")).isEqualTo("mt-br-90,mt-br-60,mt-br-35");
      assertThat(page.getAttribute("#loss-chart", "data-points")).isEqualTo("24");
      // three power-law fits and three alignment-aware curves
      assertThat(page.getAttribute("#loss-chart", "data-curves")).isEqualTo("6");
      assertThat(page.getAttribute("#metric-chart", "data-series")).isEqualTo("mt-br-90,mt-br-60,mt-br-35");
      assertThat(page.getAttribute("#metric-chart", "data-curves")).isEqualTo("3");
      assertThat(page.locator("#metric-title").textContent()).startsWith("BLEU");
      assertThat(page.locator("#loss-legend li").allTextContents()).anySatisfy(t -> assertThat(t).contains("crossover"));
      assertThat(page.locator("#crossovers tbody tr").count()).isEqualTo(2);
      assertThat(page.locator("#correlations tbody tr").first().textContent()).startsWith("task2vec");
      assertThat(page.getAttribute("#alignment-chart", "data-points")).isEqualTo("30");
      assertThat(page.locator("#datasets").textContent()).contains("mt-br-90", "mt-br-35");
      assertThat(page.locator("#fits tbody tr").count()).isEqualTo(7);
      // the y axis follows the measured points (a band extrapolated far below them once flattened them all)
      double lowest = results.stream().filter(r -> r.getDownstreamCrossEntropy() != null).mapToDouble(TrainingResult::getDownstreamCrossEntropy).min().orElseThrow();
      double highest = results.stream().filter(r -> r.getDownstreamCrossEntropy() != null).mapToDouble(TrainingResult::getDownstreamCrossEntropy).max().orElseThrow();
      String[] range = page.getAttribute("#loss-chart", "data-y-range").split(",");
      assertThat(Double.parseDouble(range[0])).isLessThan(lowest).isGreaterThanOrEqualTo(lowest - (highest - lowest));
      assertThat(Double.parseDouble(range[1])).isGreaterThan(highest).isLessThanOrEqualTo(highest + (highest - lowest));
      // and no parameter is printed as a run of digits before an M
      assertThat(page.locator("#fits").textContent()).doesNotContainPattern("\\d{4,}M");
      page.waitForSelector("#health .tiles", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));

      // when a result of a new dataset arrives, the page adds it without a reload
      TestRecords.send(bootstrap, topics.trainingResults(), List.of(synthetic.result("mt-br-new", "r", 0, 5000,
          Map.of("task2vec", 0.5), 2.3, Map.of("BLEU", 7.5))), TrainingResult::getDatasetId);
      page.waitForFunction("document.querySelector('#loss-chart').dataset.series.split(',').includes('mt-br-new')",
          null, new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
      assertThat(page.getAttribute("#loss-chart", "data-points")).isEqualTo("25");
      assertThat(page.locator("#loss-legend li[data-series=mt-br-new]").count()).isEqualTo(1);

      Path shot = Path.of("target", "dashboard.png");
      page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
      assertThat(shot).exists();

      // the same page follows the WebSocket instead of SSE when asked
      Page socketPage = browser.newPage();
      socketPage.onPageError(errors::add);
      socketPage.navigate(root + "?task=" + TASK + "&family=" + FAMILY + "&live=ws");
      socketPage.waitForSelector("#live[data-state=live]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
      assertThat(socketPage.locator("#live").textContent()).contains("WebSocket");
      assertThat(errors).as("script errors on the page").isEmpty();
    }
  }
}
