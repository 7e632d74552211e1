package dev.crosskit.build;

import dev.crosskit.exec.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain Make, in a copy of the sources. The toolchain goes both on the command line (so a
 * Makefile's own {@code CC = gcc} cannot win) and in the environment; CFLAGS/LDFLAGS only in the
 * environment, so a Makefile's {@code CFLAGS += ...} still adds to them. {@code RUNNER} (the
 * emulator command) and {@code EXE} (the executable suffix) are passed for Makefiles that run
 * what they build.
 */
final class MakeAdapter implements BuildAdapter {
  private static final List<String> PASSED_ON_COMMAND_LINE = List.of("CC", "CXX", "AR", "RANLIB", "STRIP", "CHOST");

  @Override
  public String name() {
    return "make";
  }

  @Override
  public boolean jobserverClient() {
    return true;
  }

  @Override
  public boolean needsSourceCopy() {
    return true;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) {
    return List.of(new BuildStep("build", make(ctx, ctx.jobserver() ? List.of() : List.of("-j" + ctx.jobs()))));
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", make(ctx, List.of("test")));
  }

  private static Command make(BuildContext ctx, List<String> goals) {
    List<String> argv = new ArrayList<>(List.of("make"));
    argv.addAll(goals);
    Map<String, String> env = ctx.env();
    for (String key : PASSED_ON_COMMAND_LINE) {
      String v = key.equals("CHOST") ? ctx.toolchain().target().gnuTriple() : env.get(key);
      if (v != null && !v.isEmpty()) {
        argv.add(key + "=" + v);
      }
    }
    argv.add("RUNNER=" + ctx.runner().map(r -> String.join(" ", r.standaloneArgv())).orElse(""));
    argv.add("EXE=" + ctx.target().executableSuffix());
    return Command.of(argv).withCwd(ctx.sourceDir()).withEnv("CHOST", ctx.toolchain().target().gnuTriple());
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.AUTOMAKE;
  }
}
