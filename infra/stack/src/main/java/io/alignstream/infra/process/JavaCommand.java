package io.alignstream.infra.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line of a child JVM with the same java as this one. */
public final class JavaCommand {
  private JavaCommand() {}

  public static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** {@code java <jvmOptions> -cp <classPath> <mainClass> <args>}. */
  public static List<String> mainClass(String classPath, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable().toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** {@code java <jvmOptions> -jar <jar> }. */
  public static List<String> jar(Path jar, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable().toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** The class path of this JVM: the broker and the registry run from the stack's own class path. */
  public static String ownClassPath() {
    return System.getProperty("java.class.path");
  }
}
