package dev.crosskit.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.HostTools;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.base.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host programs build systems run (cmake, ninja, meson, make, autoreconf, go, cargo...) and
 * the Debian packages that provide them, from {@code build-tools.json}: what {@code doctor}
 * reports, {@code setup} installs for a project, and a build checks before it starts.
 */
public final class BuildTools {
  /**
   * @param name the tool's name in build-tools.json ({@code libtool})
   * @param program the program looked up ({@code libtoolize}; absolute for Debian's cargo)
   * @param packages the Debian packages that provide it
   */
  public record Tool(String name, String program, List<String> packages) {
    public Tool {
      packages = List.copyOf(packages);
    }
  }

  /** A tool and where it was found on this host (empty when absent). */
  public record Status(Tool tool, Optional<Path> found) {
    public Gap gap() {
      return Gap.packages(tool.name() + " (" + tool.program() + ")", tool.packages());
    }
  }

  private final Map<String, Tool> tools = new LinkedHashMap<>();
  private final JsonNode buildSystems;

  private BuildTools(JsonNode root) {
    root.path("tools").fields().forEachRemaining(e -> {
      List<String> packages = new ArrayList<>();
      e.getValue().path("packages").forEach(p -> packages.add(p.asText()));
      tools.put(e.getKey(), new Tool(e.getKey(), e.getValue().path("program").asText(), packages));
    });
    this.buildSystems = root.path("buildSystems");
  }

  public static BuildTools builtIn() {
    try (InputStream in = BuildTools.class.getResourceAsStream("/dev/crosskit/toolchain/build-tools.json")) {
      return new BuildTools(JsonTreeReader.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read build-tools.json", e);
    }
  }

  /** Every tool, in the file's order. */
  public List<Tool> all() {
    return List.copyOf(tools.values());
  }

  /** The build systems that use a tool (as required or optional), for doctor's table. */
  public List<String> usedBy(Tool tool) {
    List<String> names = new ArrayList<>();
    buildSystems.fields().forEachRemaining(b -> {
      boolean uses = contains(b.getValue().path("tools"), tool.name()) || contains(b.getValue().path("optional"), tool.name());
      for (JsonNode group : b.getValue().path("whenMissing")) {
        uses |= contains(group, tool.name());
      }
      if (uses) {
        names.add(b.getKey());
      }
    });
    return names;
  }

  /**
   * The tools a build of {@code buildSystem} in {@code projectDir} cannot do without: its
   * {@code tools}, and the {@code whenMissing} ones whose file the project lacks.
   */
  public List<Tool> required(String buildSystem, Path projectDir) {
    JsonNode b = system(buildSystem);
    Set<String> names = new LinkedHashSet<>();
    b.path("tools").forEach(n -> names.add(n.asText()));
    b.path("whenMissing").fields().forEachRemaining(w -> {
      if (!Files.exists(projectDir.resolve(w.getKey()))) {
        w.getValue().forEach(n -> names.add(n.asText()));
      }
    });
    return names.stream().map(this::tool).toList();
  }

  /** What {@code setup} installs for the build system: the required tools and the optional ones. */
  public List<Tool> wanted(String buildSystem, Path projectDir) {
    List<Tool> all = new ArrayList<>(required(buildSystem, projectDir));
    system(buildSystem).path("optional").forEach(n -> {
      Tool t = tool(n.asText());
      if (!all.contains(t)) {
        all.add(t);
      }
    });
    return all;
  }

  /** Each tool with where this host has it. */
  public List<Status> check(List<Tool> list, HostTools host) {
    return list.stream().map(t -> new Status(t, host.which(t.program()))).toList();
  }

  /** The packages that provide the absent tools of {@code list}, in order, without repeats. */
  public static List<String> missingPackages(List<Status> statuses) {
    Set<String> packages = new LinkedHashSet<>();
    statuses.stream().filter(s -> s.found().isEmpty()).forEach(s -> packages.addAll(s.tool().packages()));
    return List.copyOf(packages);
  }

  private Tool tool(String name) {
    Tool t = tools.get(name);
    if (t == null) {
      throw new IllegalStateException("build-tools.json names an unknown tool: " + name);
    }
    return t;
  }

  private JsonNode system(String buildSystem) {
    JsonNode b = buildSystems.path(buildSystem);
    if (b.isMissingNode()) {
      throw new BadInputException("build system '" + buildSystem + "' is not supported yet; use one of "
          + String.join(", ", names(buildSystems)));
    }
    return b;
  }

  private static List<String> names(JsonNode node) {
    List<String> n = new ArrayList<>();
    node.fieldNames().forEachRemaining(n::add);
    return n;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
