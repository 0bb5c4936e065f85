package io.alignstream.infra.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Settings of the local stack: defaults from {@code alignstream-stack.properties} on the class
 * path, then {@code <state dir>/stack.properties} if present, then {@code -Dalignstream.<key>}
 * system properties (later wins).
 */
public final class StackSettings {
  private final Properties values;
  private final Path home;
  private final Path stateDir;

  private StackSettings(Properties values, Path home, Path stateDir) {
    this.values = values;
    this.home = home;
    this.stateDir = stateDir;
  }

  /**
   * @param home the repository root (where the services' built jars are)
   * @param stateDir data, logs and the run file; e.g. {@code <home>/.alignstream}
   */
  public static StackSettings load(Path home, Path stateDir) {
    Properties p = new Properties();
    try (InputStream in = StackSettings.class.getResourceAsStream("/alignstream-stack.properties")) {
      p.load(in);
      Path local = stateDir.resolve("stack.properties");
      if (Files.exists(local)) {
        try (Reader r = Files.newBufferedReader(local)) {
          p.load(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read stack settings", e);
    }
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("alignstream.") && !k.equals("alignstream.home"))
        .forEach(k -> p.setProperty(k.substring("alignstream.".length()), System.getProperty(k)));
    return new StackSettings(p, home, stateDir);
  }

  public Path home() {
    return home;
  }

  public Path stateDir() {
    return stateDir;
  }

  public String get(String key) {
    String v = values.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("Missing stack setting '" + key + "'");
    }
    return v.trim();
  }

  /** A setting that may be absent or blank. */
  public java.util.Optional<String> getOptional(String key) {
    String v = values.getProperty(key);
    return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.trim());
  }

  public int getInt(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Stack setting '" + key + "' is not an integer: " + get(key), e);
    }
  }

  public boolean getBoolean(String key) {
    String v = get(key);
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("Stack setting '" + key + "' is not true or false: " + v);
    }
    return Boolean.parseBoolean(v);
  }

  public Duration getDuration(String key) {
    return Duration.parse(get(key));
  }

  public List<String> getList(String key) {
    String v = get(key);
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The runnable jar of a service module, as built by {@code mvn package}. */
  public Path serviceJar(String service) {
    return home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
  }
}
