package dev.crosskit.build;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.exec.Command;
import dev.crosskit.toolchainfile.CmakeToolchainFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CMake: a generated toolchain file; ctest runs tests through CMAKE_CROSSCOMPILING_EMULATOR. */
final class CmakeAdapter implements BuildAdapter {
  @Override
  public String name() {
    return "cmake";
  }

  @Override
  public boolean jobserverClient() {
    return true;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) throws IOException {
    Path toolchainFile = ctx.workDir().resolve("crosskit-toolchain.cmake");
    AtomicFiles.write(toolchainFile, CmakeToolchainFile.render(ctx.toolchain(), ctx.runner()));
    List<String> configure = new ArrayList<>(List.of("cmake", "-S", ctx.sourceDir().toString(),
        "-B", ctx.buildDir().toString(), "-DCMAKE_TOOLCHAIN_FILE=" + toolchainFile, "-DCMAKE_BUILD_TYPE=Release"));
    List<String> build = new ArrayList<>(List.of("cmake", "--build", ctx.buildDir().toString()));
    if (ctx.jobserver()) {
      // Debian's ninja (1.11) speaks no jobserver protocol; CMake's Makefiles share crosskit's pool
      configure.addAll(List.of("-G", "Unix Makefiles"));
    } else {
      if (ctx.host().tools().which("ninja").isPresent()) {
        configure.addAll(List.of("-G", "Ninja"));
      }
      build.addAll(List.of("--parallel", String.valueOf(ctx.jobs())));
    }
    return List.of(new BuildStep("configure", Command.of(configure)), new BuildStep("build", Command.of(build)));
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
