package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.HostTools;
import dev.crosskit.build.BuildAdapter;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.build.BuildContext;
import dev.crosskit.build.BuildStep;
import dev.crosskit.build.TestParser;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import dev.crosskit.host.Host;
import dev.crosskit.result.ArtifactFacts;
import dev.crosskit.result.CompileCacheStats;
import dev.crosskit.result.JobSlotUse;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's steps, run over a fake process runner: no compiler, emulator or build runs.
 * The host's "gcc" is a stand-in file, the project's build command copies this JVM's own
 * launcher (an x86_64 glibc ELF) as the artifact, and the tests print automake-style lines.
 */
class TargetPipelineTest {
  private static final Target LINUX = TargetResolver.builtIn().target("x86_64-linux-gnu");
  private static final Target FREEBSD = TargetResolver.builtIn().target("x86_64-freebsd");
  private static final String PROJECT = """
      [project]
      build = "command"
      [build]
      command = ["fake-build"]
      [test]
      command = ["fake-test"]
      """;

  @TempDir Path dir;
  private final FakeProcesses processes = new FakeProcesses();
  private Host host;
  private Path project;
  private Path out;

  @BeforeEach
  void setUp() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    // the toolchain, and the build systems' host tools a build checks for before it starts
    for (String tool : List.of("gcc", "g++", "ar", "ranlib", "strip", "make", "cmake", "ninja", "pkg-config")) {
      Path p = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexit 99\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    host = new Host(dir.resolve("cache"), dir.resolve("user"), processes, new HostTools(List.of(bin)),
        new Binfmt(dir.resolve("no-binfmt")), line -> { });
    project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("main.c"), "int main(void) { return 0; }\n");
    out = dir.resolve("out");
    processes.on("fake-build", (cmd, output) -> {
      Path exe = cmd.cwd().resolve("app");
      Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), exe, StandardCopyOption.REPLACE_EXISTING);
      output.append("linked app\n");
      return FakeProcesses.ok();
    });
    processes.on("fake-test", (cmd, output) -> {
      output.append("PASS: one\nPASS: two\n");
      return FakeProcesses.ok();
    });
    processes.on("canary", (cmd, output) -> {
      output.append("ok  threads\nok  exceptions\n");
      return FakeProcesses.ok();
    });
  }

  private MatrixReport run(boolean tests, BuildAdapter adapter, Target... targets) throws IOException {
    return runner(tests, false).run(config(), List.of(targets), tests ? "test" : "build", adapter);
  }

  private MatrixReport test(Target... targets) throws IOException {
    return run(true, BuildAdapters.forName("command"), targets);
  }

  private MatrixRunner runner(boolean tests, boolean rebuild) {
    return new MatrixRunner(new PipelineOptions(out, 2, tests, false, rebuild), ProgressListener.NONE, host);
  }

  private ProjectConfig config() throws IOException {
    if (!Files.exists(project.resolve("crosskit.toml"))) {
      Files.writeString(project.resolve("crosskit.toml"), PROJECT);
    }
    return new ConfigLoader().load(project, Map.of(), JsonNodeFactory.instance.objectNode());
  }

  private static TargetResult target(MatrixReport r, Target t) {
    return r.targets().stream().filter(x -> x.target().equals(t.name())).findFirst().orElseThrow();
  }

  private static List<String> steps(TargetResult t) {
    return t.steps().stream().map(s -> s.step() + " " + s.status()).toList();
  }

  private static StepResult step(TargetResult t, Step s) {
    return t.step(s).orElseThrow(() -> new AssertionError(s + " not in " + t.steps()));
  }

  @Test
  void aPassingTargetGoesThroughEveryStepInOrder() throws IOException {
    TargetResult t = target(test(LINUX), LINUX);
    assertThat(steps(t)).as(t.steps().toString()).containsExactly("provision PASSED", "build PASSED",
        "verify PASSED", "canary PASSED", "test PASSED");
    assertThat(t.passed()).isTrue();
    assertThat(t.runner()).isEqualTo("native");
    assertThat(t.artifacts()).singleElement().satisfies(a -> {
      assertThat(a.path()).isEqualTo("x86_64-linux-gnu/artifacts/app");
      assertThat(a.verified()).isTrue();
    });
    assertThat(t.tests()).hasSize(2);
    assertThat(step(t, Step.TEST).summary()).isEqualTo("2 passed, 0 failed, 0 skipped");
    assertThat(step(t, Step.CANARY).summary()).isEqualTo("2/2 checks");
    assertThat(out.resolve("x86_64-linux-gnu/state.json")).exists();
  }

  /** A link out of the build tree is never collected: left out with a warning, or failing collect when named. */
  @Test
  void aLinkOutOfTheBuildTreeIsLeftOutWithAWarningOrFailsCollectWhenNamed() throws IOException {
    processes.on("fake-build", (cmd, output) -> {
      Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), cmd.cwd().resolve("app"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(cmd.cwd().resolve("lsln"));
      Files.createSymbolicLink(cmd.cwd().resolve("lsln"), Path.of("/bin/sh"));
      return FakeProcesses.ok();
    });
    TargetResult t = target(run(false, BuildAdapters.forName("command"), LINUX), LINUX);
    assertThat(steps(t)).as(t.steps().toString()).containsExactly("provision PASSED", "build PASSED",
        "collect PASSED", "verify PASSED");
    assertThat(step(t, Step.COLLECT).summary()).isEqualTo("warning: lsln -> /bin/sh leaves the build tree: not collected");
    assertThat(t.artifacts()).extracting(a -> a.path()).containsExactly("x86_64-linux-gnu/artifacts/app");

    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        build = "command"
        [build]
        command = ["fake-build"]
        artifacts = ["app", "lsln"]
        """);
    TargetResult named = target(runner(false, true).run(config(), List.of(LINUX), "build",
        BuildAdapters.forName("command")), LINUX);
    // collect's failure stands in verify's place: nothing to verify, and the table says why
    assertThat(steps(named)).as(named.steps().toString()).containsExactly("provision PASSED", "build PASSED",
        "collect FAILED");
    assertThat(step(named, Step.COLLECT).summary()).isEqualTo("lsln -> /bin/sh leaves the build tree: not collected");
    assertThat(named.artifacts()).isEmpty();
  }

  /**
   * The make adapter: [build] configure runs before make, crosskit's flags travel in CC (CFLAGS
   * stays the project's), and an install rule honouring DESTDIR installs into the staging
   * directory, whose tree the artifacts come from, links kept as links, paths kept.
   */
  @Test
  void makeRunsTheConfigureStepThenInstallsIntoTheStageWhoseTreeIsCollected() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), """
        [project]
        build = "make"
        [build]
        configure = ["./configure", "--prefix=/usr"]
        make-args = ["V=1"]
        """);
    Files.writeString(project.resolve("Makefile"), "all:\n\tcc -o app main.c\ninstall: all\n\tcp app $(DESTDIR)/usr/bin\n");
    processes.on("make", (cmd, output) -> {
      String destdir = cmd.argv().stream().filter(a -> a.startsWith("DESTDIR=")).findFirst().orElse(null);
      if (destdir != null) {
        Path lib = Files.createDirectories(Path.of(destdir.substring("DESTDIR=".length()), "usr/lib"));
        Path bin = Files.createDirectories(lib.resolveSibling("bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.copy(java, bin.resolve("app"));
        Files.copy(java, lib.resolve("libapp.so.1.0"));
        Files.createSymbolicLink(lib.resolve("libapp.so.1"), Path.of("libapp.so.1.0"));
        Files.createSymbolicLink(lib.resolve("libapp.so"), Path.of("libapp.so.1"));
      }
      return FakeProcesses.ok();
    });
    TargetResult t = target(runner(false, false).run(config(), List.of(LINUX), "build", BuildAdapters.forName("make")),
        LINUX);
    assertThat(steps(t)).as(t.steps().toString()).containsExactly("provision PASSED", "build PASSED", "verify PASSED");
    List<String> order = processes.commands.stream().map(c -> Path.of(c.argv().get(0)).getFileName() + " "
        + c.argv().get(1)).filter(c -> !c.startsWith("gcc") && !c.startsWith("mkfifo")).toList();
    assertThat(order).containsExactly("configure --prefix=/usr", "make -j2", "make install");
    var make = processes.ran("make").get(0);
    assertThat(make.argv()).anySatisfy(a -> assertThat(a).startsWith("CC=" + dir.resolve("bin/gcc") + " -ffile-prefix-map="))
        .contains("V=1").noneMatch(a -> a.startsWith("CFLAGS="));
    assertThat(make.env()).doesNotContainKeys("CFLAGS", "CXXFLAGS");
    assertThat(t.artifacts()).extracting(a -> a.path()).containsExactly("x86_64-linux-gnu/artifacts/bin/app",
        "x86_64-linux-gnu/artifacts/lib/libapp.so", "x86_64-linux-gnu/artifacts/lib/libapp.so.1",
        "x86_64-linux-gnu/artifacts/lib/libapp.so.1.0");
    Path lib = out.resolve("x86_64-linux-gnu/artifacts/lib");
    assertThat(Files.readSymbolicLink(lib.resolve("libapp.so"))).isEqualTo(Path.of("libapp.so.1.0"));
    assertThat(Files.readSymbolicLink(lib.resolve("libapp.so.1"))).isEqualTo(Path.of("libapp.so.1.0"));
    assertThat(lib.resolve("libapp.so.1.0")).isRegularFile().isNotEmptyFile();
  }

  /** A Makefile whose install rule ignores DESTDIR would write into this machine's directories: never run. */
  @Test
  void aMakefileInstallWithoutDestdirIsNotRunAndTheTreeIsScanned() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"make\"\n");
    Files.writeString(project.resolve("Makefile"), "all:\n\tcc -o app main.c\ninstall: all\n\tcp app /usr/local/bin\n");
    processes.on("make", (cmd, output) -> {
      Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), cmd.cwd().resolve("app"));
      return FakeProcesses.ok();
    });
    TargetResult t = target(runner(false, false).run(config(), List.of(LINUX), "build", BuildAdapters.forName("make")),
        LINUX);
    assertThat(processes.ran("make")).extracting(c -> c.argv().get(1)).containsExactly("-j2");
    assertThat(t.artifacts()).extracting(a -> a.path()).containsExactly("x86_64-linux-gnu/artifacts/app");
  }

  /**
   * A hand-written configure (no autoconf banner) gets no --host; the Makefile it writes is asked
   * about DESTDIR only once it exists, and one whose install rule ignores DESTDIR never runs.
   */
  @Test
  void aHandWrittenConfiguresMakefileIsInstalledOnlyWhenItHonoursDestdir() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"autotools\"\n");
    Files.writeString(project.resolve("configure"), "#!/bin/sh\n# hand-written\n");
    for (boolean destdir : List.of(true, false)) {
      processes.commands.clear();
      processes.on("configure", (cmd, output) -> {
        Files.writeString(cmd.cwd().resolve("Makefile"), "all:\n\tcc -o app main.c\ninstall: all\n\tcp app "
            + (destdir ? "$(DESTDIR)" : "") + "/usr/local/bin\n");
        return FakeProcesses.ok();
      });
      processes.on("make", (cmd, output) -> {
        Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), cmd.cwd().resolve("app"),
            StandardCopyOption.REPLACE_EXISTING);
        return FakeProcesses.ok();
      });
      TargetResult t = target(runner(false, true).run(config(), List.of(LINUX), "build",
          BuildAdapters.forName("autotools")), LINUX);
      assertThat(steps(t)).as(t.steps().toString()).contains("build PASSED");
      assertThat(processes.ran("configure").get(0).argv()).containsExactly("./configure");
      assertThat(processes.ran("make")).extracting(c -> c.argv().get(1))
          .containsExactlyElementsOf(destdir ? List.of("-j2", "install") : List.of("-j2"));
    }
  }

  /** CMake installs with DESTDIR: a project installing to absolute paths still lands in the stage. */
  @Test
  void cmakeInstallsIntoTheStageThroughDestdir() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"cmake\"\n");
    runner(false, false).run(config(), List.of(LINUX), "build", BuildAdapters.forName("cmake"));
    var install = processes.ran("cmake").stream().filter(c -> c.argv().contains("--install")).findFirst().orElseThrow();
    assertThat(install.argv()).doesNotContain("--prefix");
    assertThat(install.env()).containsEntry("DESTDIR", out.resolve("x86_64-linux-gnu/stage").toString());
  }

  /**
   * CMake generates Ninja files when ninja is installed (a fixed share of the pool: Debian's ninja
   * is no jobserver client), and Makefiles, make's jobserver client, when it is not.
   */
  @Test
  void cmakeBuildsWithNinjaWhenInstalledAndWithMakefilesOtherwise() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"cmake\"\n");
    BuildAdapter cmake = BuildAdapters.forName("cmake");
    assertThat(cmake.jobserverClient(host.tools())).isFalse();
    runner(false, false).run(config(), List.of(LINUX), "build", cmake);
    List<List<String>> argvs = processes.ran("cmake").stream().map(c -> c.argv()).toList();
    assertThat(argvs.get(0)).containsSequence("-G", "Ninja");
    assertThat(argvs.get(1)).contains("--build").containsSequence("--parallel", "2");

    Files.delete(dir.resolve("bin/ninja"));
    assertThat(cmake.jobserverClient(host.tools())).isTrue();
    processes.commands.clear();
    runner(false, true).run(config(), List.of(LINUX), "build", cmake);
    assertThat(processes.ran("cmake").get(0).argv()).containsSequence("-G", "Unix Makefiles");
  }

  @Test
  void theBuildEnvironmentIsMadeOnceWithTheBuildSystemsVariables() throws IOException {
    AtomicInteger asked = new AtomicInteger();
    BuildAdapter withVariables = new Delegating(BuildAdapters.forName("command")) {
      @Override
      public Map<String, String> environment(BuildContext ctx) {
        asked.incrementAndGet();
        assertThat(ctx.env()).containsKey("CC").doesNotContainKey("FROM_ADAPTER");
        return Map.of("FROM_ADAPTER", "1", "CFLAGS", "-from-adapter");
      }
    };
    Files.writeString(project.resolve("crosskit.toml"), PROJECT + "[build.env]\nCFLAGS = \"-from-user\"\n");
    TargetResult t = target(run(true, withVariables, LINUX), LINUX);
    assertThat(t.passed()).as(t.steps().toString()).isTrue();
    assertThat(asked).hasValue(1);
    Map<String, String> build = processes.ran("fake-build").get(0).env();
    assertThat(build).containsEntry("FROM_ADAPTER", "1").containsKey("SOURCE_DATE_EPOCH");
    // the layers in order: the build system's over the toolchain's, the user's CFLAGS last (replacing); the
    // reproducibility flags go with the compiler, never in CFLAGS
    assertThat(build.get("CFLAGS")).isEqualTo("-from-user");
    assertThat(build.get("CC")).contains("gcc -ffile-prefix-map=");
    assertThat(processes.ran("fake-test").get(0).env()).containsEntry("FROM_ADAPTER", "1");
    // the canary's compiler (provision asked the same gcc for its --version before the build's variables existed)
    assertThat(processes.ran("gcc").stream().filter(c -> !c.argv().contains("--version")).findFirst().orElseThrow()
        .env()).containsEntry("FROM_ADAPTER", "1");
  }

  @Test
  void aCrosskitBugInOneTargetFailsThatTargetOnlyAndTheReportHoldsBoth() throws IOException {
    BuildAdapter buggy = new Delegating(BuildAdapters.forName("command")) {
      @Override
      public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
        return false; // FreeBSD has no C toolchain here: the build goes on without one
      }

      @Override
      public List<BuildStep> buildSteps(BuildContext ctx) throws IOException {
        if (ctx.target().equals(FREEBSD)) {
          throw new IllegalStateException("adapter bug for " + ctx.target().name());
        }
        return super.buildSteps(ctx);
      }
    };
    MatrixReport r = run(false, buggy, FREEBSD, LINUX);
    assertThat(r.targets()).hasSize(2);
    TargetResult bsd = target(r, FREEBSD);
    StepResult build = step(bsd, Step.BUILD);
    assertThat(build.status()).isEqualTo(Status.FAILED);
    assertThat(build.summary()).startsWith("crosskit bug: IllegalStateException: adapter bug for x86_64-freebsd");
    assertThat(out.resolve(build.log())).content().contains("at dev.crosskit.pipeline.TargetPipelineTest");
    assertThat(steps(bsd)).containsExactly("provision PASSED", "build FAILED");
    assertThat(target(r, LINUX).passed()).isTrue();
  }

  @Test
  void aFailedBuildSkipsVerifyCanaryAndTests() throws IOException {
    processes.on("fake-build", (cmd, output) -> {
      output.append("main.c:1: error: broken on purpose\n");
      return FakeProcesses.exit(2);
    });
    TargetResult t = target(test(LINUX), LINUX);
    assertThat(steps(t)).containsExactly("provision PASSED", "build FAILED", "verify SKIPPED", "canary SKIPPED",
        "test SKIPPED");
    assertThat(step(t, Step.CANARY).summary()).isEqualTo("build failed");
    assertThat(processes.ran("gcc")).as("no canary compiled after a failed build")
        .noneMatch(c -> String.join(" ", c.argv()).contains("canary"));
    StepResult build = step(t, Step.BUILD);
    assertThat(build.summary()).isEqualTo("build failed (exit 2)");
    assertThat(build.tail()).contains("broken on purpose");
    assertThat(build.log()).isEqualTo("x86_64-linux-gnu/logs/build.log");
  }

  @Test
  void noArtifactIsACollectFailureAndTheProjectsTestsStillRun() throws IOException {
    processes.on("fake-build", (cmd, output) -> FakeProcesses.ok());
    TargetResult t = target(test(LINUX), LINUX);
    // the build passed: its tests say something even though crosskit found nothing to deliver
    assertThat(steps(t)).containsExactly("provision PASSED", "build PASSED", "collect FAILED", "canary PASSED",
        "test PASSED");
    assertThat(t.passed()).isFalse();
  }

  @Test
  void anUnchangedTargetIsCachedUnlessRebuilt() throws IOException {
    test(LINUX);
    int builds = processes.ran("fake-build").size();
    TargetResult again = target(test(LINUX), LINUX);
    assertThat(again.cached()).isTrue();
    assertThat(steps(again)).contains("build CACHED", "test CACHED");
    assertThat(processes.ran("fake-build")).hasSize(builds);
    TargetResult rebuilt = target(runner(true, true).run(config(), List.of(LINUX), "test",
        BuildAdapters.forName("command")), LINUX);
    assertThat(rebuilt.cached()).isFalse();
    assertThat(processes.ran("fake-build")).hasSize(builds + 1);
  }

  @Test
  void anInterruptedStepIsReportedAndALaterRunDoesNotTrustIt() throws Exception {
    test(LINUX); // a passing run leaves a state a later run could reuse
    assertThat(out.resolve("x86_64-linux-gnu/state.json")).exists();
    Files.writeString(project.resolve("main.c"), "int main(void) { return 1; }\n"); // a change: no cache
    CountDownLatch building = new CountDownLatch(1);
    processes.on("fake-build", (cmd, output) -> {
      building.countDown();
      return FakeProcesses.untilInterrupted();
    });
    MatrixRunner runner = runner(true, false);
    Thread stopper = Thread.ofPlatform().start(() -> {
      try {
        if (building.await(30, TimeUnit.SECONDS)) {
          runner.cancel();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    MatrixReport r = runner.run(config(), List.of(LINUX), "test", BuildAdapters.forName("command"));
    stopper.join();
    TargetResult t = target(r, LINUX);
    assertThat(steps(t)).containsExactly("provision PASSED", "build INTERRUPTED");
    assertThat(r.interrupted()).isTrue();
    assertThat(t.passed()).isFalse();
    assertThat(out.resolve("x86_64-linux-gnu/state.json")).doesNotExist();

    // the change is undone: the inputs are those of the passing run, but its state is gone
    Files.writeString(project.resolve("main.c"), "int main(void) { return 0; }\n");
    setUp();
    TargetResult next = target(test(LINUX), LINUX);
    assertThat(next.cached()).isFalse();
    assertThat(steps(next)).contains("build PASSED", "test PASSED");
  }

  /** A step turned off names the setting, wherever it was set (the file or CROSSKIT_CANARY). */
  @Test
  void stepsTurnedOffNameTheSetting() throws IOException {
    Files.writeString(project.resolve("crosskit.toml"), PROJECT.replace("[test]\n", "[test]\ncanary = false\nenabled = false\n"));
    TargetResult t = target(test(LINUX), LINUX);
    assertThat(step(t, Step.CANARY).summary()).isEqualTo("turned off: test.canary = false (crosskit.toml or CROSSKIT_CANARY)");
    assertThat(step(t, Step.TEST).summary()).isEqualTo("turned off: test.enabled = false in crosskit.toml");
  }

  /** --fail-fast stops the other targets: a build already running is killed, not left to finish. */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void failFastKillsTheOtherTargetsRunningStep() throws Exception {
    CountDownLatch otherBuilding = new CountDownLatch(1);
    processes.on("fake-build", (cmd, output) -> {
      if (cmd.cwd().toString().contains(FREEBSD.name())) {
        otherBuilding.countDown();
        return FakeProcesses.untilInterrupted();
      }
      otherBuilding.await(30, TimeUnit.SECONDS);
      output.append("main.c:1: error: broken on purpose\n");
      return FakeProcesses.exit(2);
    });
    BuildAdapter noCompiler = new Delegating(BuildAdapters.forName("command")) {
      @Override
      public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
        return false;
      }
    };
    MatrixReport r = new MatrixRunner(new PipelineOptions(out, 2, true, true, false), ProgressListener.NONE, host)
        .run(config(), List.of(LINUX, FREEBSD), "test", noCompiler);
    assertThat(steps(target(r, LINUX))).contains("build FAILED");
    TargetResult other = target(r, FREEBSD);
    assertThat(steps(other)).as(other.steps().toString()).containsExactly("provision PASSED", "build INTERRUPTED");
    assertThat(step(other, Step.BUILD).summary()).isEqualTo("stopped: another target failed (--fail-fast)");
    assertThat(out.resolve(FREEBSD.name() + "/state.json")).doesNotExist();
  }

  /** A fake-build that, like ccache unless disabled, counts one miss and one hit in the build's statistics log. */
  private void buildCountsCompilations() {
    processes.on("fake-build", (cmd, output) -> {
      Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), cmd.cwd().resolve("app"),
          StandardCopyOption.REPLACE_EXISTING);
      String log = cmd.env().get("CCACHE_STATSLOG");
      if (log != null && !cmd.env().containsKey("CCACHE_DISABLE")) {
        Files.writeString(Path.of(log), "# a.c\ncache_miss\ndirect_cache_miss\n# b.c\ndirect_cache_hit\n");
      }
      return FakeProcesses.ok();
    });
  }

  @Test
  void theCompileCacheGoesInFrontOfTheCompilersAndTheSecondReproducibleBuildBypassesIt() throws IOException {
    Path ccache = Files.writeString(dir.resolve("bin/ccache"), "#!/bin/sh\nexit 99\n");
    Files.setPosixFilePermissions(ccache, PosixFilePermissions.fromString("rwxr-xr-x"));
    buildCountsCompilations();
    MatrixRunner checking = new MatrixRunner(new PipelineOptions(out, 2, false, false, false, true), ProgressListener.NONE, host);
    TargetResult t = target(checking.run(config(), List.of(LINUX), "build", BuildAdapters.forName("command")), LINUX);
    assertThat(t.passed()).as(t.steps().toString()).isTrue();
    assertThat(step(t, Step.REPRODUCIBLE).status()).isEqualTo(Status.PASSED);
    assertThat(t.compileCache()).isEqualTo(new CompileCacheStats(1, 1));
    List<Command> builds = processes.ran("fake-build");
    assertThat(builds).hasSize(2);
    Map<String, String> first = builds.get(0).env();
    assertThat(first.get("CC")).startsWith(ccache + " " + dir.resolve("bin/gcc") + " ");
    assertThat(first).containsEntry("CMAKE_C_COMPILER_LAUNCHER", ccache.toString())
        .containsEntry("CCACHE_DIR", dir.resolve("cache/ccache").toString())
        .containsEntry("CCACHE_COMPILERCHECK", "content")
        .containsEntry("CCACHE_NAMESPACE", "x86_64-linux-gnu")
        .containsEntry("CCACHE_BASEDIR", dir.toString())
        .containsEntry("CCACHE_STATSLOG", out.resolve("x86_64-linux-gnu/logs/compile-cache.log").toString())
        .doesNotContainKey("CCACHE_DISABLE");
    assertThat(builds.get(1).env()).containsEntry("CCACHE_DISABLE", "1");
  }

  @Test
  void withTheCacheOffOrCcacheMissingTheCompilersRunAsThemselves() throws IOException {
    buildCountsCompilations();
    TargetResult missing = target(test(LINUX), LINUX);
    assertThat(missing.compileCache()).isNull();
    assertThat(step(missing, Step.BUILD).summary()).contains("no compile cache: ccache is not installed");
    Path ccache = Files.writeString(dir.resolve("bin/ccache"), "#!/bin/sh\nexit 99\n");
    Files.setPosixFilePermissions(ccache, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(project.resolve("crosskit.toml"), PROJECT.replace("[build]\n", "[build]\ncache = false\n"));
    TargetResult off = target(test(LINUX), LINUX);
    assertThat(off.compileCache()).isNull();
    assertThat(step(off, Step.BUILD).summary()).doesNotContain("compile cache");
    Map<String, String> env = processes.ran("fake-build").get(1).env();
    assertThat(env.get("CC")).doesNotContain("ccache");
    assertThat(env.keySet()).noneMatch(k -> k.startsWith("CCACHE_") || k.endsWith("_COMPILER_LAUNCHER"));
  }

  @Test
  void aBuildSystemThatKeepsItsBuildDirectoryFindsItAgainOnTheNextRun() throws IOException {
    BuildAdapter keeping = new Delegating(BuildAdapters.forName("command")) {
      @Override
      public boolean needsSourceCopy() {
        return false;
      }

      @Override
      public boolean keepsBuildDir() {
        return true;
      }
    };
    Files.writeString(project.resolve("crosskit.toml"), PROJECT.replace("command = [\"fake-build\"]",
        "command = [\"fake-build\"]\nartifacts = [\"app\"]"));
    processes.on("fake-build", (cmd, output) -> {
      Path build = out.resolve("x86_64-linux-gnu/build"); // the command runs in the project: no copy
      Files.writeString(build.resolve("runs"), "x", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Files.copy(Path.of(System.getProperty("java.home"), "bin", "java"), build.resolve("app"), StandardCopyOption.REPLACE_EXISTING);
      return FakeProcesses.ok();
    });
    assertThat(target(run(false, keeping, LINUX), LINUX).passed()).isTrue();
    assertThat(target(runner(false, true).run(config(), List.of(LINUX), "build", keeping), LINUX).passed()).isTrue();
    assertThat(out.resolve("x86_64-linux-gnu/build/runs")).hasContent("xx");
  }

  @Test
  void aPassingTestThatLeavesAProcessRunningPassesWithAWarningNamingIt() throws IOException {
    processes.on("fake-test", (cmd, output) -> {
      output.append("PASS: one\n");
      return new Result(0, false, "", "", Duration.ZERO, List.of("sleep (pid 4242)"));
    });
    StepResult test = step(target(test(LINUX), LINUX), Step.TEST);
    assertThat(test.status()).isEqualTo(Status.PASSED);
    assertThat(test.summary()).isEqualTo("1 passed, 0 failed, 0 skipped; warning: left running, killed: sleep (pid 4242)");
  }

  @Test
  void everyStepIsPlacedInTheRunsTimeWithTheJobSlotsItsProcessesHeld() throws IOException {
    processes.on("gcc", (cmd, output) -> {
      if (cmd.argv().contains("--version")) {
        output.append("\ngcc (Stand-in 12.2.0-14) 12.2.0\nCopyright\n");
      }
      return FakeProcesses.ok();
    });
    MatrixReport r = test(LINUX);
    TargetResult t = target(r, LINUX);
    assertThat(t.toolchainVersion()).isEqualTo("gcc (Stand-in 12.2.0-14) 12.2.0");
    assertThat(t.start()).isNotNull().isBetween(0.0, r.seconds());
    double last = t.start();
    for (StepResult s : t.steps()) {
      assertThat(s.start()).as(s.step().id()).isNotNull().isGreaterThanOrEqualTo(last);
      assertThat(s.start() + s.seconds()).as(s.step().id()).isLessThanOrEqualTo(r.seconds() + 0.011);
      last = s.start();
    }
    // --jobs 2 and one target: the build's command holds both slots, the tests' one
    assertThat(step(t, Step.BUILD).jobSlots()).extracting(JobSlotUse::slots).containsOnly(List.of(1, 2));
    assertThat(step(t, Step.TEST).jobSlots()).extracting(JobSlotUse::slots).containsExactly(List.of(1));
    JobSlotUse test = step(t, Step.TEST).jobSlots().get(0);
    assertThat(test.start()).isGreaterThanOrEqualTo(step(t, Step.TEST).start());
    assertThat(step(t, Step.VERIFY).jobSlots()).as("verify reads the files itself").isNull();
    assertThat(r.crosskitVersion()).isNotBlank();
    assertThat(r.host()).contains(System.getProperty("os.arch"));
    assertThat(r.cpuSeconds()).isNotNull().isGreaterThanOrEqualTo(0.0);

    // verify's facts about the artifact: this JVM's launcher, an x86_64 glibc PIE
    ArtifactFacts facts = t.artifacts().get(0).facts();
    assertThat(facts.arch()).isEqualTo("x86_64");
    assertThat(facts.libc()).isEqualTo("glibc");
    assertThat(facts.linkage()).isEqualTo("dynamic");
    assertThat(facts.newestGlibc()).matches("2\\.\\d+(\\.\\d+)?");
    assertThat(facts.hardening()).containsKeys("pie", "nx", "relro", "canary", "fortify");

    // a cached target is placed where this run reused it; its steps ran in another run
    TargetResult again = target(test(LINUX), LINUX);
    assertThat(again.cached()).isTrue();
    assertThat(again.start()).isNotNull();
    assertThat(again.steps()).allSatisfy(s -> assertThat(s.start()).isNull());
  }

  @Test
  void slotsAreNumberedFromOneAndTheLowestFreeIsTakenFirst() throws InterruptedException {
    JobSlots slots = JobSlots.plain(3);
    try (JobSlots.Held a = slots.acquire(2)) {
      assertThat(a.numbers()).containsExactly(1, 2);
      try (JobSlots.Held b = slots.acquire(1)) {
        assertThat(b.numbers()).containsExactly(3);
      }
    }
    try (JobSlots.Held all = slots.acquire(5)) {
      assertThat(all.numbers()).as("at most all of them").containsExactly(1, 2, 3);
    }
    try (JobSlots.Held c = slots.acquire(1); JobSlots.Held d = slots.acquire(1)) {
      assertThat(c.numbers()).containsExactly(1);
      assertThat(d.numbers()).containsExactly(2);
    }
  }

  @Test
  void aTargetThatCannotRunHereFailsCanaryAndTestSayingWhatToInstall() throws IOException {
    BuildAdapter noCompiler = new Delegating(BuildAdapters.forName("command")) {
      @Override
      public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
        return false;
      }
    };
    TargetResult t = target(run(true, noCompiler, FREEBSD), FREEBSD);
    assertThat(step(t, Step.CANARY).status()).isEqualTo(Status.FAILED);
    assertThat(step(t, Step.TEST).summary()).startsWith("cannot run x86_64-freebsd programs on this host");
    assertThat(t.toolchain()).isEqualTo("no C toolchain");
  }

  @Test
  void aDarwinTargetSkipsCanaryAndTestSayingNoEmulatorExists() throws IOException {
    BuildAdapter noCompiler = new Delegating(BuildAdapters.forName("command")) {
      @Override
      public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
        return false; // pure Go: no SDK needed
      }
    };
    Target mac = TargetResolver.builtIn().target("aarch64-apple-darwin");
    TargetResult t = target(run(true, noCompiler, mac), mac);
    for (Step s : List.of(Step.CANARY, Step.TEST)) {
      assertThat(step(t, s).status()).as(s.id()).isEqualTo(Status.SKIPPED);
      assertThat(step(t, s).summary()).startsWith("Darwin programs cannot run on Linux: there is no macOS emulator");
    }
    assertThat(step(t, Step.BUILD).status()).isEqualTo(Status.PASSED);
  }

  /** An adapter that does what another does, for a test to change one part of. */
  private static class Delegating implements BuildAdapter {
    private final BuildAdapter inner;

    Delegating(BuildAdapter inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public boolean needsSourceCopy() {
      return inner.needsSourceCopy();
    }

    @Override
    public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
      return inner.needsCCompiler(target, projectDir, settings);
    }

    @Override
    public Map<String, String> environment(BuildContext ctx) throws IOException {
      return inner.environment(ctx);
    }

    @Override
    public List<BuildStep> buildSteps(BuildContext ctx) throws IOException {
      return inner.buildSteps(ctx);
    }

    @Override
    public Path artifactDir(BuildContext ctx) {
      return inner.artifactDir(ctx);
    }

    @Override
    public boolean compileCached() {
      return inner.compileCached();
    }

    @Override
    public boolean keepsBuildDir() {
      return inner.keepsBuildDir();
    }

    @Override
    public BuildStep testStep(BuildContext ctx) {
      return inner.testStep(ctx);
    }

    @Override
    public TestParser testParser() {
      return inner.testParser();
    }
  }
}
