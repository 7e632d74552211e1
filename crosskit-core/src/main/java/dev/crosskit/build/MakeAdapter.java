package dev.crosskit.build;

import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Plain Make, in a copy of the sources. The toolchain goes on the command line, so a Makefile's
 * own {@code CC = gcc} cannot win, and in the environment. crosskit's flags travel inside
 * {@code CC} and {@code CXX}: a Makefile that sets {@code CFLAGS ?= -O3} keeps its default, and
 * one that assigns {@code CFLAGS = ...} or {@code LDFLAGS = ...} cannot drop the target's flags
 * (the link flags go with the compiler too, but for bare metal: gcc ignores them when it only compiles). LDFLAGS
 * stays in the environment, so a Makefile's {@code LDFLAGS += -shared} for its library still
 * works. {@code RUNNER} (the emulator command) and {@code EXE} (the executable suffix) are
 * passed for Makefiles that run what they build; [build] make-args come last.
 *
 * <p>A Makefile whose install rule honours {@code DESTDIR} is installed into the staging
 * directory ({@code make install DESTDIR=<stage>}); one that does not is never installed (it
 * would write into this machine's own directories), and its artifacts are found in the tree.
 */
final class MakeAdapter implements BuildAdapter {
  private static final List<String> PASSED_ON_COMMAND_LINE = List.of("CC", "CXX", "AR", "RANLIB", "STRIP", "CHOST");
  private static final Pattern INSTALL_TARGET = Pattern.compile("(?m)^(?:[\\w.-]+[ \\t]+)*install(?:[ \\t]+[\\w.-]+)*[ \\t]*::?(?!=)");
  private static final List<String> MAKEFILES = List.of("GNUmakefile", "makefile", "Makefile");

  @Override
  public String name() {
    return "make";
  }

  @Override
  public boolean jobserverClient(HostTools tools) {
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
  public Optional<BuildStep> installStep(BuildContext ctx) {
    return installsIntoDestdir(ctx.sourceDir())
        ? Optional.of(new BuildStep("install", make(ctx, List.of("install", "DESTDIR=" + ctx.stageDir()))))
        : Optional.empty();
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", make(ctx, List.of("test")));
  }

  /** A user's make command ([build] or [test] command) gets the toolchain variables too; other commands run as given. */
  @Override
  public Command custom(BuildContext ctx, List<String> argv) {
    String program = Path.of(argv.get(0)).getFileName().toString();
    if (!program.equals("make") && !program.equals("gmake")) {
      return BuildAdapter.super.custom(ctx, argv);
    }
    List<String> withVariables = new ArrayList<>(List.of(argv.get(0)));
    withVariables.addAll(variables(ctx));
    withVariables.addAll(argv.subList(1, argv.size())); // the user's own variables come later and win
    return Command.of(withVariables).withCwd(ctx.sourceDir()).withEnv("CHOST", ctx.toolchain().target().gnuTriple());
  }

  private static Command make(BuildContext ctx, List<String> goals) {
    List<String> argv = new ArrayList<>(List.of("make"));
    argv.addAll(goals);
    argv.addAll(variables(ctx));
    argv.addAll(ctx.settings().makeArgs());
    return Command.of(argv).withCwd(ctx.sourceDir()).withEnv("CHOST", ctx.toolchain().target().gnuTriple());
  }

  /** CC=..., CXX=... (with crosskit's compile and link flags), AR, RANLIB, STRIP, CHOST, RUNNER, EXE. */
  private static List<String> variables(BuildContext ctx) {
    List<String> out = new ArrayList<>();
    Map<String, String> env = ctx.env();
    // A bare-metal target's link flags stay in LDFLAGS only: they load picolibc.specs, which gcc
    // refuses to read twice (make's link rule runs $(CC) $(LDFLAGS)).
    String link = ctx.target().isBareMetal() ? "" : String.join(" ", ctx.flags().link());
    for (String key : PASSED_ON_COMMAND_LINE) {
      String v = key.equals("CHOST") ? ctx.toolchain().target().gnuTriple() : env.get(key);
      if (v != null && !v.isEmpty()) {
        boolean compiler = (key.equals("CC") || key.equals("CXX")) && !v.equals(dev.crosskit.toolchainfile.ToolchainEnv.NO_CXX);
        out.add(key + "=" + v + (compiler && !link.isEmpty() ? " " + link : ""));
      }
    }
    out.add("RUNNER=" + ctx.runner().map(r -> String.join(" ", r.standaloneArgv())).orElse(""));
    out.add("EXE=" + ctx.target().executableSuffix());
    return out;
  }

  /** Whether a top-level Makefile has an install rule that mentions DESTDIR. */
  static boolean installsIntoDestdir(Path src) {
    for (String name : MAKEFILES) {
      Path f = src.resolve(name);
      if (Files.isRegularFile(f)) {
        try {
          String text = Files.readString(f, StandardCharsets.ISO_8859_1);
          return INSTALL_TARGET.matcher(text).find() && text.contains("DESTDIR");
        } catch (IOException e) {
          return false;
        }
      }
    }
    return false;
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.AUTOMAKE;
  }
}
