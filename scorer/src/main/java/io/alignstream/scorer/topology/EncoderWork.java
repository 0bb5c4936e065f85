package io.alignstream.scorer.topology;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Where the encoders' work runs: embeddings of a batch, a target's reference, a legacy probe's training.
 * That work takes seconds; on a stream thread it held the exactly-once transaction open past its timeout
 * (10 s in Kafka Streams) and the poll loop past its interval, and the thread was fenced again and again.
 * The processors submit it here and pick the result up from a punctuation; the samples wait in their
 * changelogged store meanwhile, so a restart loses nothing and scores them again.
 *
 * <p>{@link #background} is one daemon thread per scorer instance (the encoders take one lock anyway);
 * {@link #inline} runs the work as it is submitted, for topology tests that drive the clock themselves.
 */
public final class EncoderWork implements AutoCloseable {
  private final Executor executor;
  private final ExecutorService owned;

  private EncoderWork(Executor executor, ExecutorService owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** One daemon thread named {@code name}. */
  public static EncoderWork background(String name) {
    ExecutorService service = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    return new EncoderWork(service, service);
  }

  /** The work runs on the submitting thread: the future is complete when {@link #submit} returns. */
  public static EncoderWork inline() {
    return new EncoderWork(Runnable::run, null);
  }

  <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }

  /** The result of a completed future; its failure is rethrown as it was thrown by the work. */
  static <T> T result(CompletableFuture<T> done) {
    try {
      return done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Stops the thread and waits (up to 60 s) for the call it is in to return, so encoders can be freed after. */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
      try {
        owned.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
