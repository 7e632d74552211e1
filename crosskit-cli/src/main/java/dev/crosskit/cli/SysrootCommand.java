package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.DebianPackageName;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.Json;
import dev.crosskit.report.Table;
import dev.crosskit.sysroot.DebianSuite;
import dev.crosskit.sysroot.DebianSuites;
import dev.crosskit.sysroot.Sysroot;
import dev.crosskit.sysroot.SysrootFlags;
import dev.crosskit.sysroot.SysrootStore;
import dev.crosskit.target.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit sysroot}: target libraries from Debian packages, and musl sysroots. */
@Command(
    name = "sysroot",
    mixinStandardHelpOptions = true,
    description = {"Manage target libraries and headers from Debian packages, and musl C libraries.",
        "Packages are fetched with a private apt configuration, never touching the host's, and kept in crosskit's cache",
        "($CROSSKIT_HOME or ~/.cache/crosskit)."},
    subcommands = {SysrootCommand.Add.class, SysrootCommand.ListCmd.class, SysrootCommand.Show.class,
        SysrootCommand.Remove.class, SysrootCommand.Suites.class},
    footer = {"", "Examples:",
        "  crosskit sysroot add aarch64-linux-gnu zlib1g-dev libssl-dev",
        "  crosskit sysroot add aarch64-linux-gnu --glibc 2.31 zlib1g-dev     # bullseye: runs on glibc >= 2.31",
        "  crosskit sysroot add riscv64-linux-musl",
        "  crosskit sysroot list",
        "  crosskit sysroot show aarch64-linux-gnu --suite bullseye --json",
        "  crosskit sysroot remove aarch64-linux-gnu"})
final class SysrootCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static SysrootStore store(CommandSpec spec) {
    return Main.host(spec).sysroots();
  }

  static Target target(CommandSpec spec, String spelling) {
    return TargetsCommand.resolve(spec.commandLine().getErr(), spelling).target();
  }

  static Map<String, Object> describe(Sysroot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", s.target());
    m.put("suite", s.suite());
    m.put("libc", s.libc());
    m.put("libcVersion", s.libcVersion());
    if (!s.isMusl()) {
      m.put("glibcFloor", s.glibc());
    }
    m.put("origin", s.origin());
    m.put("debianArch", s.debianArch());
    m.put("multiarch", s.multiarch());
    m.put("root", s.root());
    m.put("packages", s.packages());
    m.put("installed", s.installed());
    m.put("created", s.created());
    if (!s.isMusl()) {
      m.put("pkgConfig", SysrootFlags.pkgConfigEnv(s));
      m.put("qemu", SysrootFlags.qemuOptions(s));
    }
    return m;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Download target-arch Debian packages and their dependencies and unpack them into the target's sysroot.",
          "A glibc sysroot always holds the suite's libc6, libc6-dev and linux-libc-dev, so builds link against the",
          "suite's glibc (bookworm 2.36, bullseye 2.31). For a musl target (no packages) the musl C library is",
          "fetched from Debian (amd64, arm64, armhf) or built from Debian's musl source (riscv64, armv6).",
          "Adding packages that are already there downloads nothing."},
      footer = {"", "Examples:",
          "  crosskit sysroot add aarch64-linux-gnu libssl-dev zlib1g-dev",
          "  crosskit sysroot add linux/arm64 --suite bullseye zlib1g-dev",
          "  crosskit sysroot add armv7-linux-gnueabihf --glibc 2.31 libsqlite3-dev",
          "  crosskit sysroot add armv6-linux-musleabihf"})
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Any spelling of a Linux target.",
        completionCandidates = CompletionCandidates.Targets.class)
    String target;

    @Parameters(index = "1..*", paramLabel = "PACKAGE", arity = "0..*",
        description = "Debian package names (the -dev packages of the libraries to link against).")
    List<String> packages = new ArrayList<>();

    @ArgGroup(exclusive = true)
    SuiteChoice choice = new SuiteChoice();

    /** A suite by name, or the one a glibc floor picks: not both. */
    static final class SuiteChoice {
      @Option(names = "--suite", paramLabel = "SUITE", description = "Debian suite: bookworm (default, glibc 2.36) or bullseye (glibc 2.31).")
      String suite;

      @Option(names = "--glibc", paramLabel = "VERSION", description = "Oldest glibc the result must run on; picks the suite (2.31 -> bullseye).")
      String glibc;
    }

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      packages.forEach(DebianPackageName::check);
      Target t = target(spec, target);
      DebianSuites suites = DebianSuites.builtIn();
      DebianSuite s = choice.glibc != null ? suites.forGlibcFloor(choice.glibc)
          : choice.suite != null ? suites.suite(choice.suite) : suites.defaultSuite();
      long start = System.nanoTime();
      SysrootStore.Added added = store(spec).add(t, s, packages);
      PrintWriter out = spec.commandLine().getOut();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (json.json) {
        Map<String, Object> m = describe(added.sysroot());
        m.put("downloaded", added.downloaded());
        m.put("upToDate", added.upToDate());
        m.put("warnings", added.warnings());
        out.println(Json.write(m));
        return ExitCodes.OK;
      }
      Sysroot r = added.sysroot();
      out.printf(java.util.Locale.ROOT, "%s %s: %s %s, %d packages (%d downloaded) in %.1fs%n", r.id(),
          added.upToDate() ? "is up to date" : "ready", r.libc(), r.libcVersion(), r.installed().size(),
          added.downloaded(), seconds);
      out.println("  " + r.root());
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sysroots in the cache.",
      footer = {"", "Examples:", "  crosskit sysroot list", "  crosskit sysroot list --json"})
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<Sysroot> all = store(spec).list();
      if (json.json) {
        out.println(Json.write(all.stream().map(SysrootCommand::describe).toList()));
        return ExitCodes.OK;
      }
      if (all.isEmpty()) {
        out.println("No sysroots yet. Add one with: crosskit sysroot add TARGET [PACKAGE...]");
        return ExitCodes.OK;
      }
      Table table = new Table("TARGET", "SUITE", "LIBC", "VERSION", "PACKAGES", "ROOT");
      for (Sysroot s : all) {
        table.row(s.target(), s.suite(), s.libc(), s.libcVersion(),
            s.packages().isEmpty() ? "-" : String.join(" ", s.packages()), s.root());
      }
      out.print(table.render());
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a target's sysroot(s): packages, libc version, and the pkg-config and QEMU settings builds use.",
      footer = {"", "Examples:", "  crosskit sysroot show aarch64-linux-gnu", "  crosskit sysroot show arm64 --suite bullseye --json"})
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Any spelling of a target.",
        completionCandidates = CompletionCandidates.Targets.class)
    String target;

    @Option(names = "--suite", paramLabel = "SUITE", description = "Only the sysroot from this Debian suite.")
    String suite;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      Target t = target(spec, target);
      if (suite != null) {
        DebianSuites.builtIn().suite(suite);
      }
      List<Sysroot> found = store(spec).forTarget(t.name()).stream()
          .filter(s -> suite == null || s.suite().equals(suite)).toList();
      if (found.isEmpty()) {
        throw new FailedException("no sysroot for " + t.name() + (suite != null ? " from " + suite : "")
            + "; add one with: crosskit sysroot add " + t.name() + (suite != null ? " --suite " + suite : "") + " [PACKAGE...]");
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.json) {
        out.println(Json.write(suite != null ? describe(found.get(0)) : found.stream().map(SysrootCommand::describe).toList()));
        return ExitCodes.OK;
      }
      for (Sysroot s : found) {
        out.println(s.id() + "  (" + s.libc() + " " + s.libcVersion() + ", from " + s.origin() + ", " + s.created() + ")");
        out.println("  root:      " + s.root());
        out.println("  packages:  " + (s.packages().isEmpty() ? "-" : String.join(" ", s.packages())));
        out.println("  installed: " + s.installed().size() + " packages");
        if (!s.isMusl()) {
          SysrootFlags.pkgConfigEnv(s).forEach((k, v) -> out.println("  " + k + "=" + v));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a target's sysroot(s) from the cache.",
      footer = {"", "Examples:", "  crosskit sysroot remove aarch64-linux-gnu", "  crosskit sysroot remove aarch64-linux-gnu --suite bullseye"})
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Any spelling of a target.",
        completionCandidates = CompletionCandidates.Targets.class)
    String target;

    @Option(names = "--suite", paramLabel = "SUITE", description = "Only the sysroot from this Debian suite.")
    String suite;

    @Override
    public Integer call() {
      Target t = target(spec, target);
      SysrootStore store = store(spec);
      List<String> suites = suite != null ? List.of(DebianSuites.builtIn().suite(suite).name())
          : store.forTarget(t.name()).stream().map(Sysroot::suite).toList();
      int removed = 0;
      for (String s : suites) {
        if (store.remove(t.name(), s)) {
          spec.commandLine().getOut().println("removed sysroot " + t.name() + "-" + s);
          removed++;
        }
      }
      if (removed == 0) {
        throw new FailedException("no sysroot for " + t.name() + (suite != null ? " from " + suite : ""));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "suites", mixinStandardHelpOptions = true,
      description = "The Debian suites sysroots come from and the glibc floor each gives.",
      footer = {"", "Examples:", "  crosskit sysroot suites", "  crosskit sysroot suites --json"})
  static final class Suites implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<DebianSuite> all = DebianSuites.builtIn().all();
      if (json.json) {
        out.println(Json.write(all));
        return ExitCodes.OK;
      }
      Table table = new Table("SUITE", "DEBIAN", "GLIBC FLOOR", "MUSL");
      for (DebianSuite s : all) {
        table.row(s.name(), s.version(), s.glibc(), s.musl());
      }
      out.print(table.render());
      out.println("A glibc floor picks the newest suite not newer than it: --glibc 2.31 (or glibc = \"2.31\" in crosskit.toml) gives bullseye.");
      return ExitCodes.OK;
    }
  }
}
