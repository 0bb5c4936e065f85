package io.alignstream.ingest.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Sets the tries of a {@link Fuzz} property from {@code -Dfuzz.tries=N} (default 200) and its weight. */
public final class FuzzTries implements AroundPropertyHook {
  public static final int DEFAULT_TRIES = 200;

  /** The tries asked for on the command line, or the default. */
  public static int requested() {
    String value = System.getProperty("fuzz.tries");
    if (value == null || value.isBlank()) {
      return DEFAULT_TRIES;
    }
    try {
      return Math.max(1, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-Dfuzz.tries must be a whole number, was '" + value + "'", e);
    }
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    double weight = context.findAnnotation(Fuzz.class).map(Fuzz::weight).orElse(1.0);
    context.attributes().setTries(Math.max(1, (int) Math.round(requested() * weight)));
    return property.execute();
  }
}
