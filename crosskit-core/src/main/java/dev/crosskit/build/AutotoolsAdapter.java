package dev.crosskit.build;

import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Autotools-style {@code ./configure}, then make, {@code make install DESTDIR=<stage>} and
 * {@code make check}. The build runs in a copy of the sources because many such projects (zlib
 * among them) only build in-tree, and a missing configure script is bootstrapped with autoreconf
 * there.
 *
 * <p>An autoconf-generated configure gets {@code --host=<triple> --build=<host triple>}; a
 * hand-written one (zlib's, lzip's) would refuse or ignore those options, so it gets none and
 * reads the target from the environment ({@code CC}, {@code CHOST}). The compiler comes from the
 * environment with crosskit's flags in it, and CFLAGS is left to the project: autoconf's
 * {@code -g -O2} and a hand-written script's own default apply.
 *
 * <p>musl targets link statically: a libtool project is configured {@code --disable-shared}
 * (a static program cannot use a shared library) and linked with libtool's {@code -all-static}
 * (libtool takes a plain {@code -static} to mean its own libraries only, and would link the C
 * library dynamically). {@code -all-static} goes on make's command line, never to configure,
 * whose compiler checks do not know it.
 */
final class AutotoolsAdapter implements BuildAdapter {
  static final String BUILD_TRIPLE = "x86_64-linux-gnu";
  private static final Pattern LIBTOOL_MACRO = Pattern.compile("\\b(LT_INIT|AC_PROG_LIBTOOL|AM_PROG_LIBTOOL)\\b");

  @Override
  public String name() {
    return "autotools";
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
    List<BuildStep> steps = new ArrayList<>();
    Path src = ctx.sourceDir();
    Path configure = src.resolve("configure");
    boolean bootstrap = !Files.exists(configure);
    if (bootstrap) {
      steps.add(new BuildStep("bootstrap", Command.of("autoreconf", "-fi").withCwd(src)));
    }
    String host = ctx.toolchain().target().gnuTriple();
    List<String> argv = new ArrayList<>(List.of("./configure"));
    if (bootstrap || generatedByAutoconf(configure)) {
      argv.addAll(List.of("--host=" + host, "--build=" + BUILD_TRIPLE));
      if (staticOnly(ctx)) {
        argv.add("--disable-shared");
      }
    }
    argv.addAll(ctx.settings().configureArgs());
    // hand-written scripts in zlib's style read CHOST instead of --host
    steps.add(new BuildStep("configure", Command.of(argv).withCwd(src).withEnv("CHOST", host)));
    // a jobserver client takes its jobs from crosskit's pool: a -j of its own would override it
    steps.add(new BuildStep("build", make(ctx, ctx.jobserver() ? List.of() : List.of("-j" + ctx.jobs()))));
    return steps;
  }

  /** Only an autoconf-generated configure has a cache file; a hand-written one (zlib's) would reject the option. */
  @Override
  public Optional<ConfigureChecks> configureChecks(BuildContext ctx) {
    Path configure = ctx.sourceDir().resolve("configure");
    return generatedByAutoconf(configure) ? Optional.of(new AutoconfChecks(configure, ctx.workDir())) : Optional.empty();
  }

  @Override
  public Optional<BuildStep> installStep(BuildContext ctx) {
    // automake's install rules honour DESTDIR; a hand-written configure's Makefile might not, and
    // would then write into this machine's own directories: such a tree is scanned instead
    return MakeAdapter.installsIntoDestdir(ctx.sourceDir())
        ? Optional.of(new BuildStep("install", make(ctx, List.of("install", "DESTDIR=" + ctx.stageDir()))))
        : Optional.empty();
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", make(ctx, List.of("check")));
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.AUTOMAKE;
  }

  /** make with the goals, libtool's -all-static for musl, then the user's [build] make-args. */
  private static Command make(BuildContext ctx, List<String> goals) {
    List<String> argv = new ArrayList<>(List.of("make"));
    argv.addAll(goals);
    if (staticOnly(ctx)) {
      String ldflags = ctx.env().getOrDefault("LDFLAGS", "").strip();
      argv.add("LDFLAGS=" + (ldflags.isEmpty() ? "" : ldflags + " ") + "-all-static");
    }
    argv.addAll(ctx.settings().makeArgs());
    return Command.of(argv).withCwd(ctx.sourceDir());
  }

  /** A musl target (crosskit's musl builds are static) of a libtool project. */
  private static boolean staticOnly(BuildContext ctx) {
    return ctx.target().isMusl() && usesLibtool(ctx.sourceDir());
  }

  /** Whether {@code configure} says it was generated by autoconf (its first lines do). */
  static boolean generatedByAutoconf(Path configure) {
    return head(configure, 4096).contains("Generated by GNU Autoconf");
  }

  /** Whether the project builds with libtool: its configure.ac calls it, or its tree ships ltmain.sh. */
  static boolean usesLibtool(Path src) {
    for (String name : List.of("configure.ac", "configure.in")) {
      Path f = src.resolve(name);
      if (Files.isRegularFile(f) && LIBTOOL_MACRO.matcher(head(f, 1 << 20)).find()) {
        return true;
      }
    }
    for (String dir : List.of(".", "build-aux", "config", "autotools", "m4")) {
      if (Files.isRegularFile(src.resolve(dir).resolve("ltmain.sh"))) {
        return true;
      }
    }
    return false;
  }

  /** The first {@code max} bytes of a file as text (empty when it cannot be read). */
  private static String head(Path file, int max) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(max), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
