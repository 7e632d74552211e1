package dev.crosskit.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What CMake and Meson record in a build directory about the programs they built: which are
 * tests, which run on the build machine. Collection reads it when a project installs nothing,
 * so that neither is taken for a deliverable.
 */
final class BuildSystemFacts {
  /** {@code add_test(name "/abs/prog" ...)}, or with the emulator first, in a CTestTestfile.cmake. */
  private static final Pattern ADD_TEST = Pattern.compile("^\\s*add_test\\((.*)\\)\\s*$");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  private BuildSystemFacts() {}

  /** The programs ctest runs: in each test's command, the first file of the build directory (relative to it). */
  static Set<Path> ctestPrograms(Path buildDir) {
    Set<Path> out = new HashSet<>();
    try (Stream<Path> walk = Files.walk(buildDir)) {
      for (Path f : walk.filter(p -> p.getFileName().toString().equals("CTestTestfile.cmake")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          Matcher m = ADD_TEST.matcher(line);
          if (!m.find()) {
            continue;
          }
          Matcher arg = QUOTED.matcher(m.group(1));
          while (arg.find()) {
            if (inside(buildDir, Path.of(arg.group(1)), out)) {
              break;
            }
          }
        }
      }
    } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
      return Set.copyOf(out); // what could be read; an unreadable file only means fewer exclusions
    }
    return Set.copyOf(out);
  }

  /**
   * Meson's tests and the executables it built for the build machine (generators a build runs,
   * {@code native: true}): those compiled by another compiler than any of {@code hostCompilers}.
   */
  static Set<Path> mesonNotDeliverables(Path buildDir, Collection<String> hostCompilers) {
    Set<Path> out = new HashSet<>();
    Path info = buildDir.resolve("meson-info");
    for (JsonNode test : read(info.resolve("intro-tests.json"))) {
      for (JsonNode arg : test.path("cmd")) {
        if (inside(buildDir, Path.of(arg.asText("")), out)) {
          break;
        }
      }
    }
    for (JsonNode target : read(info.resolve("intro-targets.json"))) {
      boolean forHost = false;
      for (JsonNode source : target.path("target_sources")) {
        // the compiler command may start with a launcher (ccache, the compile cache)
        for (JsonNode word : source.path("compiler")) {
          forHost |= hostCompilers.contains(word.asText(""));
        }
      }
      if (!forHost) {
        target.path("filename").forEach(f -> inside(buildDir, Path.of(f.asText("/")), out));
      }
    }
    return Set.copyOf(out);
  }

  private static JsonNode read(Path json) {
    try {
      return Files.isRegularFile(json) ? JsonTreeReader.read(json) : JsonNodeFactory.instance.arrayNode();
    } catch (IOException e) {
      return JsonNodeFactory.instance.arrayNode();
    }
  }

  /** Adds {@code file} (relative) when it is in the build directory; says whether it was. */
  private static boolean inside(Path buildDir, Path file, Set<Path> out) {
    if (!file.isAbsolute()) {
      return false;
    }
    Path abs = file.normalize();
    Path root = buildDir.toAbsolutePath().normalize();
    if (abs.startsWith(root) && !abs.equals(root)) {
      out.add(root.relativize(abs));
      return true;
    }
    return false;
  }
}
