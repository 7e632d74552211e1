package dev.crosskit.build;

import dev.crosskit.config.ProjectConfig;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.BuildTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a project needs on this host, read from its configuration and files: the build system
 * and its host tools, and the languages whose toolchains its targets need (C for C and Cargo
 * projects, which link through the C compiler; C++ when the sources have C++ files; Rust for
 * Cargo; Go for Go, with C when it uses cgo). {@code crosskit setup} in a project installs these.
 *
 * @param buildSystem the adapter name ({@code cmake}, {@code cargo}, ...)
 * @param languages {@code c}, {@code c++}, {@code go}, {@code rust}: what {@code Setup} takes
 * @param tools the build system's host tools, required and optional
 */
public record ProjectNeeds(String buildSystem, Set<String> languages, List<BuildTools.Tool> tools) {
  private static final Set<String> CXX_SUFFIXES = Set.of(".cc", ".cpp", ".cxx", ".c++", ".C", ".hpp", ".hh", ".hxx");
  /** Directories that hold build outputs, dependencies or history rather than the project's sources. */
  private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "build", "node_modules", "vendor", ".cargo");
  private static final int MAX_FILES = 50_000;

  public ProjectNeeds {
    languages = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(languages));
    tools = List.copyOf(tools);
  }

  public static ProjectNeeds of(ProjectConfig config, List<Target> targets) {
    Path dir = config.projectDir();
    String build = BuildAdapters.forProject(dir, config.buildSystem()).name();
    Set<String> languages = new LinkedHashSet<>();
    switch (build) {
      case "cargo", "rust" -> languages.addAll(List.of("c", "rust")); // rustc links through the C compiler
      case "go" -> {
        languages.add("go");
        if (targets.stream().anyMatch(t -> GoProject.cgo(dir, config.forTarget(t)))) {
          languages.add("c");
        }
      }
      default -> languages.add("c");
    }
    if (hasCxxSources(dir)) {
      languages.add("c++");
    }
    return new ProjectNeeds(build, languages, BuildTools.builtIn().wanted(build, dir));
  }

  /** Whether the project has C++ sources (its own: build outputs and vendored code are not looked at). */
  static boolean hasCxxSources(Path dir) {
    boolean[] found = {false};
    int[] seen = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          return !d.equals(dir) && NOT_SOURCES.contains(d.getFileName().toString().toLowerCase(Locale.ROOT))
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          String name = f.getFileName().toString();
          int dot = name.lastIndexOf('.');
          if (dot > 0 && CXX_SUFFIXES.contains(name.substring(dot))) {
            found[0] = true;
            return FileVisitResult.TERMINATE;
          }
          return ++seen[0] > MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          return FileVisitResult.CONTINUE; // an unreadable corner of the tree says nothing about C++
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return found[0];
  }

  /** A one-line description for setup's output. */
  public String describe() {
    return buildSystem + " project; languages " + String.join(", ", languages) + "; host tools "
        + String.join(", ", tools.stream().map(BuildTools.Tool::name).toList());
  }
}
