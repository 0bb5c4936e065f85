package io.alignstream.ingest.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A fuzz property: a jqwik {@link Property} tagged {@code fuzz} whose number of tries comes from the
 * system property {@code fuzz.tries} (default {@value FuzzTries#DEFAULT_TRIES}) times {@link #weight()},
 * so CI stays quick and a long run is one flag away:
 * {@code mvn -B -o -pl ingest verify -Dgroups=fuzz -Dfuzz.tries=20000}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Property
@Tag("fuzz")
@AddLifecycleHook(FuzzTries.class)
public @interface Fuzz {
  /** Share of {@code fuzz.tries} this property runs (expensive inputs such as images take less). */
  double weight() default 1.0;
}
