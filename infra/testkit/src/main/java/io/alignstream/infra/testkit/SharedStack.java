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
      stack = TestStack.start();
      TestStack started = stack;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (Exception ignored) {
          // The JVM is ending; the cluster's temporary directories go with it.
        }
      }, "alignstream-test-stack-close"));
    }
    return stack;
  }
}
