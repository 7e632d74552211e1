package dev.crosskit.build;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Command;
import dev.crosskit.toolchainfile.CmakeToolchainFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CMake: a generated toolchain file; ctest runs tests through CMAKE_CROSSCOMPILING_EMULATOR;
 * {@code DESTDIR=<stage> cmake --install} for the artifacts. No build type unless [build] type
 * asks for one: the project's own default (often none, sometimes its own) decides, as in a plain
 * {@code cmake -S . -B build}. musl targets build static libraries ({@code BUILD_SHARED_LIBS=OFF}):
 * their programs link statically.
 *
 * <p>The Ninja generator when ninja is installed: CMake's Makefiles start a cmake process for
 * every target's dependency scan, progress line and echo (33 for a six-program project), which
 * made a build whose objects all come from the compile cache 3 to 6 times slower than Ninja's,
 * and its try-compiles slower too. Debian's ninja (1.11) speaks no jobserver protocol, so a Ninja
 * build takes a fixed share of the run's tokens (as Meson's does); without ninja, the Makefiles
 * share the run's job pool through make's jobserver.
 */
final class CmakeAdapter implements BuildAdapter {
  /** [build] type to CMAKE_BUILD_TYPE. */
  private static final Map<String, String> BUILD_TYPES = Map.of("debug", "Debug", "release", "Release",
      "debugoptimized", "RelWithDebInfo", "minsize", "MinSizeRel");

  @Override
  public String name() {
    return "cmake";
  }

  /** A jobserver client only without ninja: CMake's Makefiles honour make's jobserver, Debian's ninja does not. */
  @Override
  public boolean jobserverClient(HostTools tools) {
    return !ninja(tools);
  }

  private static boolean ninja(HostTools tools) {
    return tools.which("ninja").isPresent();
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) throws IOException {
    Path toolchainFile = toolchainFile(ctx);
    AtomicFiles.write(toolchainFile, CmakeToolchainFile.render(ctx.toolchain(), ctx.runner(), ctx.flags()));
    List<String> configure = new ArrayList<>(List.of("cmake", "-S", ctx.sourceDir().toString(),
        "-B", ctx.buildDir().toString(), "-DCMAKE_TOOLCHAIN_FILE=" + toolchainFile));
    ctx.settings().buildType().ifPresent(t -> configure.add("-DCMAKE_BUILD_TYPE=" + BUILD_TYPES.get(t)));
    if (ctx.target().isMusl()) {
      configure.add("-DBUILD_SHARED_LIBS=OFF");
    }
    List<String> build = new ArrayList<>(List.of("cmake", "--build", ctx.buildDir().toString()));
    configure.addAll(List.of("-G", ninja(ctx.host().tools()) ? "Ninja" : "Unix Makefiles"));
    if (!ctx.jobserver()) {
      build.addAll(List.of("--parallel", String.valueOf(ctx.jobs())));
    }
    configure.addAll(ctx.settings().configureArgs());
    return List.of(new BuildStep("configure", Command.of(configure)), new BuildStep("build", Command.of(build)));
  }

  private static Path toolchainFile(BuildContext ctx) {
    return ctx.workDir().resolve("crosskit-toolchain.cmake");
  }

  @Override
  public Optional<ConfigureChecks> configureChecks(BuildContext ctx) {
    return Optional.of(new CmakeChecks(ctx, toolchainFile(ctx)));
  }

  @Override
  public Optional<BuildStep> installStep(BuildContext ctx) {
    // DESTDIR, not --prefix: a project that installs to absolute paths (CMAKE_INSTALL_FULL_LIBDIR,
    // computed at configure time) would otherwise write into this machine's /usr/local
    return Optional.of(new BuildStep("install", Command.of("cmake", "--install", ctx.buildDir().toString())
        .withEnv("DESTDIR", ctx.stageDir().toString())));
  }

  @Override
  public java.util.Set<Path> notDeliverables(BuildContext ctx) {
    return BuildSystemFacts.ctestPrograms(ctx.buildDir());
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", Command.of("ctest", "--test-dir", ctx.buildDir().toString(),
        "--output-on-failure", "--no-tests=error", "--timeout", String.valueOf(ctx.settings().testTimeout().toSeconds())));
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.CTEST;
  }
}
