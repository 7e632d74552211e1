package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crosskit.base.Json;
import dev.crosskit.base.Versions;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Inspector;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code crosskit env} and {@code crosskit toolchain-file} resolve a target's toolchain as
 * {@code crosskit build} does, for real: a musl target's sysroot is provisioned by {@code env}
 * itself, and the flags it prints build a threaded program fully static that
 * runs under {@code crosskit run}; a project's {@code glibc} floor reaches the CMake toolchain
 * file, so the program needs no newer glibc symbol.
 */
@Tag("integration")
class ToolchainResolutionIntegrationTest {
  private static final String EXPECTED = "threads=4 total=80000 tls=ok main-tls=0";
  private final ProcessRunner processes = new ProcessRunner();

  private Result must(List<String> argv, Path cwd) {
    Result r = processes.capture(Command.of(argv).withCwd(cwd).withTimeout(Duration.ofMinutes(3)));
    assertThat(r.exitCode()).as(String.join(" ", argv) + "\n" + r.tail(40)).isZero();
    return r;
  }

  private static Path tlsdemo(Path dir) throws Exception {
    Files.copy(Path.of("..", "crosskit-core", "src", "test", "resources", "tlsdemo.c"), dir.resolve("tlsdemo.c"));
    try (InputStream in = ToolchainResolutionIntegrationTest.class.getResourceAsStream("/tlsdemo/CMakeLists.txt")) {
      Files.copy(in, dir.resolve("CMakeLists.txt"));
    }
    return dir;
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x86_64-linux-musl", "aarch64-linux-musl", "armv7-linux-musleabihf", "armv6-linux-musleabihf",
      "riscv64-linux-musl"})
  void envOfEveryMuslTargetBuildsAThreadedProgramFullyStaticThatRuns(String target, @TempDir Path work) throws Exception {
    // crosskit's cache: env makes the musl sysroot there as a build would (C only: libstdc++ for
    // musl is CxxBuildIntegrationTest's, for two targets; the others are bench/cxx-musl.sh's)
    Host host = Host.system(line -> { });
    CliRunner env = CliRunner.run(host, "env", target, "--format", "json", "--no-cxx");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    // the project's CFLAGS are left to the project: crosskit's flags travel in CC
    assertThat(vars).doesNotContainKey("CFLAGS");

    Path src = tlsdemo(Files.createDirectories(work.resolve("src")));
    List<String> cc = new ArrayList<>(words(vars.get("CC")));
    cc.addAll(List.of("-O2", "-pthread", "-o", "tlsdemo", "tlsdemo.c"));
    cc.addAll(words(vars.get("LDFLAGS")));
    must(cc, src);
    BinaryFacts facts = Inspector.inspect(src.resolve("tlsdemo"));
    assertThat(facts.linkage()).as(target).isEqualTo("static");
    assertThat(facts.elf().interpreter()).isNull();
    assertThat(facts.elf().needed()).isEmpty();

    CliRunner run = CliRunner.run(host, "run", "--target", target, "--timeout", "120", "--",
        src.resolve("tlsdemo").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo(EXPECTED);
  }

  @Test
  void toolchainFileOfAProjectWithAGlibcFloorBuildsAgainstThatGlibc(@TempDir Path work) throws Exception {
    Path project = tlsdemo(Files.createDirectories(work.resolve("project")));
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        name = "tlsdemo"
        build = "cmake"
        [build]
        glibc = "2.31"
        """);
    Path file = work.resolve("aarch64.cmake");
    CliRunner tf = CliRunner.run("toolchain-file", "aarch64-linux-gnu", "--format", "cmake", "-C", project.toString(),
        "-o", file.toString());
    assertThat(tf.exitCode()).as(tf.err()).isZero();
    assertThat(Files.readString(file)).contains("aarch64-linux-gnu-bullseye");
    Path build = work.resolve("build");
    must(List.of("cmake", "-S", project.toString(), "-B", build.toString(), "-G", "Ninja",
        "-DCMAKE_TOOLCHAIN_FILE=" + file), work);
    must(List.of("cmake", "--build", build.toString()), work);
    assertThat(must(List.of("ctest", "--test-dir", build.toString(), "--output-on-failure"), work).output())
        .contains("100% tests passed");
    // with the cross compiler's own glibc (2.36) any program needs __libc_start_main@GLIBC_2.34
    BinaryFacts f = Inspector.inspect(build.resolve("tlsdemo"));
    List<String> glibc = f.elf().newestVersions().stream().filter(n -> n.family().equals("GLIBC"))
        .map(n -> n.version()).toList();
    assertThat(glibc).isNotEmpty().allSatisfy(v -> assertThat(Versions.compare(v, "2.31")).as(v).isLessThanOrEqualTo(0));
  }

  /** Outside a project, --glibc and --package say what [build] glibc and packages would. */
  @Test
  void envOutsideAProjectTakesTheGlibcFloorAndPackagesAsFlags(@TempDir Path empty) throws Exception {
    CliRunner env = CliRunner.run("env", "aarch64-linux-gnu", "--glibc", "2.31", "--package", "zlib1g-dev",
        "-C", empty.toString(), "--format", "json");
    assertThat(env.exitCode()).as(env.err()).isZero();
    Map<String, String> vars = Json.mapper().readValue(env.out(), new TypeReference<Map<String, String>>() {});
    assertThat(vars.get("CC")).contains("aarch64-linux-gnu-bullseye");
    assertThat(vars.get("PKG_CONFIG_LIBDIR")).contains("aarch64-linux-gnu-bullseye");
    Path sysroot = Path.of(vars.get("PKG_CONFIG_SYSROOT_DIR"));
    assertThat(sysroot.resolve("usr/include/zlib.h")).isRegularFile();
    CliRunner old = CliRunner.run("env", "aarch64-linux-gnu", "--glibc", "2.1", "-C", empty.toString());
    assertThat(old.exitCode()).isNotZero();
    assertThat(old.err().strip()).hasLineCount(1).contains("glibc 2.1", "available floors: 2.36 (bookworm), 2.31 (bullseye)");
  }
}
