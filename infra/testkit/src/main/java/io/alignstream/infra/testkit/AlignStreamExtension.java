package io.alignstream.infra.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Kafka cluster and schema registry: declare a
 * {@link TestStack} parameter (constructor, lifecycle or test method). The stack starts once per
 * test JVM and stops when JUnit closes its root store; isolate tests with
 * {@link TestStack#newCatalogue()}.
 *
 * <pre>{@code
 * @ExtendWith(AlignStreamExtension.class)
 * class MyTest {
 *   @Test void shouldDoIt(TestStack stack) { var topics = stack.newCatalogue(); ... }
 * }
 * }</pre>
 */
public final class AlignStreamExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SharedStack.get();
  }
}
