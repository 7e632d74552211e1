package dev.crosskit.build;

import dev.crosskit.base.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The build systems crosskit drives, and detection of a project's build system from its files. */
public final class BuildAdapters {
  private static final Map<String, BuildAdapter> ADAPTERS = new LinkedHashMap<>();

  static {
    for (BuildAdapter a : List.of(new CmakeAdapter(), new MesonAdapter(), new AutotoolsAdapter(),
        new MakeAdapter(), new CommandAdapter(), new GoAdapter(),
        new CargoAdapter("cargo"), new CargoAdapter("rust"))) {
      ADAPTERS.put(a.name(), a);
    }
  }

  /**
   * Marker files, in the order they are tried: the first one present decides. A shipped
   * configure script comes first: it is what the maintainers release with (a tarball made by
   * {@code make dist}, or a hand-written script), and a CMakeLists.txt beside it is usually the
   * secondary build (zlib, xz, pcre2). A Meson build with only a configure.ac beside it is
   * usually the newer one; an autotools build beside a CMakeLists.txt the older, fuller one.
   */
  private static final List<Map.Entry<String, String>> MARKERS = List.of(
      Map.entry("configure", "autotools"),
      Map.entry("meson.build", "meson"),
      Map.entry("configure.ac", "autotools"),
      Map.entry("configure.in", "autotools"),
      Map.entry("CMakeLists.txt", "cmake"),
      Map.entry("Cargo.toml", "cargo"),
      Map.entry("go.mod", "go"),
      Map.entry("Makefile", "make"),
      Map.entry("makefile", "make"),
      Map.entry("GNUmakefile", "make"));

  private BuildAdapters() {}

  public static BuildAdapter forName(String name) {
    BuildAdapter a = ADAPTERS.get(name);
    if (a == null) {
      throw new BadInputException("build system '" + name + "' is not supported yet; use one of "
          + String.join(", ", ADAPTERS.keySet()));
    }
    return a;
  }

  /** The build system of the project in {@code dir}, from its marker files. */
  public static Optional<String> detect(Path dir) {
    for (Map.Entry<String, String> m : MARKERS) {
      if (Files.isRegularFile(dir.resolve(m.getKey()))) {
        return Optional.of(m.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every build system the project's marker files point to, in detection order, without repeats. */
  public static List<String> candidates(Path dir) {
    List<String> out = new java.util.ArrayList<>();
    for (Map.Entry<String, String> m : MARKERS) {
      if (Files.isRegularFile(dir.resolve(m.getKey())) && !out.contains(m.getValue())) {
        out.add(m.getValue());
      }
    }
    return out;
  }

  /** The names of the adapters, in a stable order. */
  public static List<String> names() {
    return List.copyOf(ADAPTERS.keySet());
  }

  /** The adapter for a project: the configured name, else detection, else a clear error. */
  public static BuildAdapter forProject(Path dir, Optional<String> configured) {
    String name = configured.or(() -> detect(dir)).orElseThrow(() -> new BadInputException(
        "cannot tell how to build " + dir + ": no CMakeLists.txt, meson.build, configure, Makefile, Cargo.toml or go.mod;"
            + " set [project] build = \"...\" in crosskit.toml"));
    return forName(name);
  }
}
