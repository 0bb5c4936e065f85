package io.alignstream.analyzer.api;

import io.alignstream.analyzer.config.AnalyzerService;
import io.alignstream.analyzer.model.GroupKey;
import io.alignstream.analyzer.model.ReadModel;
import io.alignstream.analyzer.model.ResultPoint;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only JSON over the analyzer's state (rebuilt from the topics at start). Every filter is
 * optional and exact; family {@code -} selects datasets without a family.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "state")
public class QueryResource {
  private static final int MAX_WINDOWS = 5000;

  @Inject
  AnalyzerService service;

  private ReadModel model() {
    return service.engine().model();
  }

  @GET
  @Path("/results")
  @Operation(summary = "Training results by task, family and dataset, each curve in order of D")
  public List<ResultPoint> results(@QueryParam("task") String task, @QueryParam("family") String family,
      @QueryParam("dataset") String dataset) {
    return model().results(task, family, dataset);
  }

  @GET
  @Path("/groups")
  @Operation(summary = "Task/family groups with their datasets")
  public List<Views.GroupView> groups() {
    List<Views.GroupView> out = new ArrayList<>();
    for (GroupKey key : model().groups()) {
      List<ResultPoint> points = model().results(key.task(), key.family(), null);
      out.add(new Views.GroupView(key.task(), key.family(),
          points.stream().map(ResultPoint::datasetId).distinct().toList(), points.size()));
    }
    return out;
  }

  @GET
  @Path("/datasets")
  @Operation(summary = "Curated dataset manifests (latest per dataset)")
  public List<Views.DatasetView> datasets(@QueryParam("task") String task, @QueryParam("family") String family) {
    return model().datasets(task, family).stream()
        .map(m -> Views.DatasetView.of(m, model().coefficients(m.getDatasetId()))).toList();
  }

  @GET
  @Path("/windows")
  @Operation(summary = "Alignment windows of the incoming stream, newest first")
  public List<Views.WindowView> windows(@QueryParam("task") String task, @QueryParam("method") String method,
      @Parameter(description = "the window's domain or source") @QueryParam("group") String group,
      @QueryParam("limit") @DefaultValue("500") int limit) {
    return model().windows(task, method, group, Math.max(0, Math.min(limit, MAX_WINDOWS))).stream()
        .map(e -> Views.WindowView.of(e.getKey(), e.getValue())).toList();
  }

  @GET
  @Path("/fits")
  @Operation(summary = "Scaling-law fits as published to scaling-fits")
  public List<Views.FitView> fits(@QueryParam("task") String task, @QueryParam("family") String family,
      @Parameter(description = "per-dataset fits of this dataset") @QueryParam("dataset") String dataset,
      @Parameter(description = "power, log-metric or alignment-aware") @QueryParam("law") String law) {
    return model().fits(task, family, dataset, law).stream().map(Views.FitView::of).toList();
  }

  @GET
  @Path("/fits/{fitId}")
  @Operation(summary = "One fit by id (task|family|law|metric|scope, URL-encoded)")
  public Views.FitView fit(@PathParam("fitId") String fitId) {
    return model().fit(fitId).map(Views.FitView::of).orElseThrow(() -> new NotFoundException("No fit " + fitId));
  }

  @GET
  @Path("/correlations")
  @Operation(summary = "Alignment (per method) vs downstream loss across datasets at a comparable D")
  public List<Views.CorrelationView> correlations(@QueryParam("task") String task,
      @QueryParam("family") String family) {
    return model().analyses(task, family).stream()
        .flatMap(a -> a.correlations().stream().map(r -> Views.CorrelationView.of(a, r))).toList();
  }

  @GET
  @Path("/analysis")
  @Operation(summary = "Latest refit per group: fits, curves with bands, crossovers, non-monotonic curves, "
      + "model comparison, correlations")
  public List<Views.AnalysisView> analysis(@QueryParam("task") String task, @QueryParam("family") String family) {
    return model().analyses(task, family).stream().map(Views.AnalysisView::of).toList();
  }
}
