package io.alignstream.infra.testkit;

/**
 * The one {@link TestStack} of a test JVM, shared by the JUnit extension and the Quarkus test
 * resource (a cluster start costs seconds; topics are isolated by prefix instead). Closed by a
 * shutdown hook when the JVM ends.
 */
final class SharedStack {
  private static TestStack stack;

  private SharedStack() {}

  static synchronized TestStack get() {
    if (stack == null) {
      // An in-JVM broker that hits a fatal error (e.g. its log dirs vanish while it shuts down at
      // JVM exit) calls Kafka's Exit, which would end the test JVM with a non-zero code after all
      // tests passed; surefire then reports a failed fork. Kafka's own tests intercept it the same way.
      org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
          System.err.println("Kafka asked the test JVM to exit(" + code + "): " + message + " (ignored)"));
      org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
          System.err.println("Kafka asked the test JVM to halt(" + code + "): " + message + " (ignored)"));
      stack = TestStack.start();
      TestStack started = stack;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeWithin(started, 20_000), "alignstream-test-stack-close"));
    }
    return stack;
  }

  /**
   * Closes the stack at JVM exit, but never holds the exit up for longer than {@code millis}: a
   * test JVM that does not end in time is reported by surefire as a failed fork.
   */
  private static void closeWithin(TestStack stack, long millis) {
    Thread closer = new Thread(() -> {
      try {
        stack.close();
      } catch (Exception | Error ignored) {
        // The JVM is ending; the cluster's temporary directories go with it.
      }
    }, "alignstream-test-stack-closer");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
