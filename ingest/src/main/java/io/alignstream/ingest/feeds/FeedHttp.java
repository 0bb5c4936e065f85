package io.alignstream.ingest.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Bounded HTTP GET for feed polling: a timeout per attempt and a fixed number of attempts with
 * exponential backoff for I/O errors and 5xx/429 answers; 4xx answers are final. Throws
 * {@link FeedException} with what went wrong; never loops forever.
 */
public final class FeedHttp {
  private final HttpClient http;
  private final Duration timeout;
  private final int attempts;
  private final Duration backoff;

  public FeedHttp(Duration timeout, int attempts, Duration backoff) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.timeout = timeout;
    this.attempts = attempts;
    this.backoff = backoff;
  }

  public String get(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
    String last = "no attempt";
    long wait = backoff.toMillis();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
          return response.body();
        }
        last = "HTTP " + status + " from " + url + ": " + abbreviate(response.body());
        if (status < 500 && status != 429) {
          throw new FeedException(last, false);
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + " from " + url + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FeedException("interrupted while fetching " + url, false);
      }
      if (attempt < attempts) {
        sleep(wait);
        wait *= 2;
      }
    }
    throw new FeedException(last + " (after " + attempts + " attempts)", true);
  }

  private static String abbreviate(String body) {
    String one = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeedException("interrupted while backing off", false);
    }
  }

  /** A feed fetch failed; {@code transientFailure} = worth polling again later. */
  public static final class FeedException extends RuntimeException {
    private final boolean transientFailure;

    public FeedException(String message, boolean transientFailure) {
      super(message);
      this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
      return transientFailure;
    }
  }
}
