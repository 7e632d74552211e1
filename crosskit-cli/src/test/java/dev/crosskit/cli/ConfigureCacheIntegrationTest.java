package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.HostTools;
import dev.crosskit.cache.ConfigureCache;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configure cache for real: a CMake project's Check* results and an autoconf configure's
 * cache file, found by real try-compiles with real cross compilers, given back to the next
 * identical configure after {@code rm -rf target/}; any change to what decides them is a miss;
 * a stored entry that makes configure fail is dropped and the build still passes. Each test has
 * a crosskit cache of its own.
 */
@Tag("integration")
class ConfigureCacheIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CMAKE_TARGET = "aarch64-linux-gnu";
  private static final String AUTOTOOLS_TARGET = "riscv64-linux-gnu";
  @TempDir Path dir;

  private Host host() {
    return new Host(dir.resolve("home"), Path.of(System.getProperty("user.home")), new ProcessRunner(),
        HostTools.system(), Binfmt.system(), line -> { });
  }

  private ConfigureCache cache() {
    return host().configureCache();
  }

  /** {@code crosskit build} into the project's own target/crosskit; report.json's entry for the target. */
  private JsonNode build(Path project, String target, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("build", "-C", project.toString(), "--jobs", "2", "--target", target));
    argv.addAll(List.of(args));
    CliRunner r = CliRunner.run(host(), argv.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode t = target(JSON.readTree(project.resolve("target/crosskit/report.json").toFile()), target);
    assertThat(status(t, "build")).isEqualTo("PASSED");
    return t;
  }

  private static String configureLog(Path project, String target) throws IOException {
    return Files.readString(project.resolve("target/crosskit/" + target + "/logs/configure.log"));
  }

  /** A project of one C program, {@code probe}, for {@code build} with its build files. */
  private static Path probeProject(Path p, String build, Map<String, String> buildFiles) throws IOException {
    Files.createDirectories(p);
    Files.writeString(p.resolve("crosskit.toml"), "[project]\nbuild = \"" + build + "\"\n[build]\nartifacts = [\"probe\"]\n");
    for (Map.Entry<String, String> f : buildFiles.entrySet()) {
      Files.writeString(p.resolve(f.getKey()), f.getValue());
    }
    Files.writeString(p.resolve("probe.c"), "#include <stdio.h>\nint main(void) { puts(\"probe\"); return 0; }\n");
    return p;
  }

  private static Path cmakeProject(Path p) throws IOException {
    return probeProject(p, "cmake", Map.of("CMakeLists.txt", """
        cmake_minimum_required(VERSION 3.16)
        project(probe LANGUAGES C)
        include(CheckCCompilerFlag)
        include(CheckIncludeFile)
        include(CheckFunctionExists)
        include(CheckSymbolExists)
        check_c_compiler_flag(-Wall HAS_WALL)
        check_c_compiler_flag(-fno-such-flag-anywhere HAS_NO_SUCH_FLAG)
        check_include_file(stdlib.h HAVE_STDLIB_H)
        check_include_file(no/such/header.h HAVE_NO_SUCH_HEADER)
        check_function_exists(strdup HAVE_STRDUP)
        check_symbol_exists(printf stdio.h HAVE_PRINTF)
        add_executable(probe probe.c)
        """));
  }

  /** The check results in the target's CMakeCache.txt. */
  private static Map<String, String> checkResults(Path project) throws IOException {
    Map<String, String> values = new TreeMap<>();
    try (Stream<String> lines = Files.lines(project.resolve("target/crosskit/" + CMAKE_TARGET + "/build/CMakeCache.txt"))) {
      lines.filter(l -> l.matches("(HAS_|HAVE_)[A-Z_]+:INTERNAL=.*"))
          .forEach(l -> values.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf('=') + 1)));
    }
    return values;
  }

  @Test
  void cmakeChecksComeFromTheCacheAfterRemovingTargetUntilWhatDecidesThemChanges() throws IOException {
    Path project = cmakeProject(dir.resolve("cmake-project"));
    JsonNode cold = build(project, CMAKE_TARGET);
    assertThat(cold.path("configureCache").asText()).isEqualTo("miss");
    assertThat(configureLog(project, CMAKE_TARGET)).contains("Performing Test HAS_WALL", "Looking for strdup");
    Map<String, String> found = checkResults(project);
    assertThat(found).containsEntry("HAS_WALL", "1").containsEntry("HAS_NO_SUCH_FLAG", "")
        .containsEntry("HAVE_STDLIB_H", "1").containsEntry("HAVE_NO_SUCH_HEADER", "").containsEntry("HAVE_STRDUP", "1")
        .containsEntry("HAVE_PRINTF", "1");
    assertThat(cache().stats().entries()).isEqualTo(1);

    Deletion.tree(project.resolve("target"));
    JsonNode warm = build(project, CMAKE_TARGET);
    assertThat(warm.path("configureCache").asText()).isEqualTo("hit");
    String log = configureLog(project, CMAKE_TARGET);
    assertThat(log).contains("6 configure results from the configure cache")
        .doesNotContain("Performing Test", "Looking for");
    assertThat(checkResults(project)).isEqualTo(found);
    assertThat(status(warm, "verify")).isEqualTo("PASSED");

    // other flags may change what a flag check finds: a miss, and a second entry
    Files.writeString(project.resolve("crosskit.toml"), "[build.env]\nCFLAGS = \"-O1\"\n", java.nio.file.StandardOpenOption.APPEND);
    Deletion.tree(project.resolve("target"));
    assertThat(build(project, CMAKE_TARGET).path("configureCache").asText()).isEqualTo("miss");
    assertThat(configureLog(project, CMAKE_TARGET)).contains("Performing Test HAS_WALL");

    Files.writeString(project.resolve("CMakeLists.txt"), "# a comment changes the lists too\n",
        java.nio.file.StandardOpenOption.APPEND);
    Deletion.tree(project.resolve("target"));
    assertThat(build(project, CMAKE_TARGET).path("configureCache").asText()).isEqualTo("miss");
    assertThat(cache().stats().entries()).isEqualTo(3);

    Deletion.tree(project.resolve("target"));
    JsonNode off = build(project, CMAKE_TARGET, "--no-cache");
    assertThat(off.has("configureCache")).isFalse();
    assertThat(configureLog(project, CMAKE_TARGET)).contains("Performing Test HAS_WALL").doesNotContain("-C ");
  }

  /** Nothing to keep is nothing to miss: a CMake project without Check* calls reports no configure cache. */
  @Test
  void aCmakeProjectWithoutChecksStoresNothingAndReportsNoConfigureCache() throws IOException {
    Path project = probeProject(dir.resolve("plain-cmake"), "cmake", Map.of("CMakeLists.txt", """
        cmake_minimum_required(VERSION 3.16)
        project(probe LANGUAGES C)
        add_executable(probe probe.c)
        """));
    for (int run = 0; run < 2; run++) {
      Deletion.tree(project.resolve("target"));
      assertThat(build(project, CMAKE_TARGET).has("configureCache")).isFalse();
    }
    assertThat(cache().stats().entries()).isZero();
  }

  @Test
  void aStoredSeedThatMakesConfigureFailIsDroppedAndTheBuildPasses() throws IOException {
    Path project = cmakeProject(dir.resolve("cmake-project"));
    build(project, CMAKE_TARGET);
    String key = onlyKey();
    cache().store(key, "message(FATAL_ERROR \"a bad seed\")\n");

    Deletion.tree(project.resolve("target"));
    JsonNode t = build(project, CMAKE_TARGET);
    assertThat(t.path("configureCache").asText()).isEqualTo("miss");
    assertThat(configureLog(project, CMAKE_TARGET)).contains("a bad seed",
        "configure failed with the cached results: entry " + key.substring(0, 12) + " dropped");
    assertThat(checkResults(project)).containsEntry("HAS_WALL", "1");
    // the configure that ran from nothing stored its own results in place of the bad ones
    assertThat(cache().lookup(key)).hasValueSatisfying(seed -> assertThat(seed).contains("HAS_WALL").doesNotContain("bad"));
  }

  /** A tiny automake project; crosskit bootstraps it (autoreconf), and its configure is autoconf's. */
  private static Path autotoolsProject(Path p) throws IOException {
    return probeProject(p, "autotools", Map.of("configure.ac", """
        AC_INIT([probe], [1.0])
        AM_INIT_AUTOMAKE([foreign])
        AC_PROG_CC
        AC_CHECK_HEADERS([stdlib.h unistd.h no/such/header.h])
        AC_CHECK_FUNCS([strdup])
        AC_CONFIG_FILES([Makefile])
        AC_OUTPUT
        """, "Makefile.am", "bin_PROGRAMS = probe\nprobe_SOURCES = probe.c\n"));
  }

  @Test
  void autoconfReadsItsCacheFileBackAndABadOneIsDropped() throws IOException {
    Path project = autotoolsProject(dir.resolve("autotools-project"));
    JsonNode cold = build(project, AUTOTOOLS_TARGET);
    assertThat(cold.path("configureCache").asText()).isEqualTo("miss");
    assertThat(configureLog(project, AUTOTOOLS_TARGET)).contains("checking for strdup... yes")
        .doesNotContain("checking for strdup... (cached)");
    assertThat(bootstrapLog(project, AUTOTOOLS_TARGET)).doesNotContain("from the configure cache");

    Deletion.tree(project.resolve("target"));
    JsonNode warm = build(project, AUTOTOOLS_TARGET);
    assertThat(warm.path("configureCache").asText()).isEqualTo("hit");
    assertThat(configureLog(project, AUTOTOOLS_TARGET)).contains("configure results from the configure cache",
        "checking for strdup... (cached) yes", "checking for stdlib.h... (cached) yes",
        "checking for no/such/header.h... (cached) no");
    assertThat(bootstrapLog(project, AUTOTOOLS_TARGET)).contains("files of the bootstrap (autoreconf -fi) from the configure cache");
    assertThat(status(warm, "verify")).isEqualTo("PASSED");

    String key = onlyKey();
    cache().store(key, "ac_cv_func_strdup=${ac_cv_func_strdup=yes}\necho 'a bad cache file' >&2; exit 3\n");
    Deletion.tree(project.resolve("target"));
    JsonNode dropped = build(project, AUTOTOOLS_TARGET, "--check-reproducible");
    assertThat(dropped.path("configureCache").asText()).isEqualTo("miss");
    assertThat(configureLog(project, AUTOTOOLS_TARGET)).contains("a bad cache file", "dropped, configuring again");
    assertThat(status(dropped, "reproducible")).isEqualTo("PASSED");
    assertThat(cache().lookup(key)).hasValueSatisfying(file -> assertThat(file).doesNotContain("bad"));
    // the check results and the bootstrap's files; the second build of --check-reproducible stored nothing
    assertThat(cache().stats().entries()).isEqualTo(2);

    CliRunner clean = CliRunner.run(host(), "cache", "clean");
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    assertThat(cache().stats().entries()).isZero();
  }

  /**
   * The targets of one run bootstrap the sources once: the first to get there runs autoreconf,
   * the other takes its files, and both build.
   */
  @Test
  void theTargetsOfOneRunBootstrapOnce() throws IOException {
    Path project = autotoolsProject(dir.resolve("autotools-project"));
    CliRunner r = CliRunner.run(host(), "build", "-C", project.toString(), "--jobs", "2", "--target", AUTOTOOLS_TARGET,
        "--target", "x86_64-linux-gnu");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    List<String> logs = List.of(bootstrapLog(project, AUTOTOOLS_TARGET), bootstrapLog(project, "x86_64-linux-gnu"));
    assertThat(logs).filteredOn(l -> l.contains("files of the bootstrap (autoreconf -fi) from the configure cache"))
        .hasSize(1);
  }

  private static String bootstrapLog(Path project, String target) throws IOException {
    return Files.readString(project.resolve("target/crosskit/" + target + "/logs/bootstrap.log"));
  }

  /** The key of the cache's one entry of check results. */
  private String onlyKey() throws IOException {
    try (Stream<Path> entries = Files.list(cache().dir())) {
      List<Path> all = entries.filter(Files::isRegularFile).toList();
      assertThat(all).hasSize(1);
      return all.get(0).getFileName().toString();
    }
  }
}
