package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.build.ProjectNeeds;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.doctor.DoctorReport;
import dev.crosskit.doctor.ToolchainDoctor;
import dev.crosskit.host.Host;
import dev.crosskit.report.Table;
import dev.crosskit.sysroot.DebianSuites;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.BuildTools;
import dev.crosskit.toolchain.ToolchainData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit doctor}: what this host has to build and run each target, and how to fix the gaps. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check the compilers, binutils, sysroots, emulators, binfmt_misc and the compile cache for targets, for C, "
        + "C++, Go and Rust, and print the exact command that fixes each gap.",
    footer = {"", "Without TARGET, checks the project's targets inside a project (crosskit.toml, or -C DIR),",
        "else the common targets. Also lists the build systems' host tools (make, cmake, ninja, meson,",
        "pkg-config, autoconf, automake, libtool, go, cargo). Only files are looked at: nothing is run",
        "or installed.",
        "Exit code: 0; 1 when a named target cannot build C or run its programs here.",
        "", "Examples:",
        "  crosskit doctor",
        "  crosskit doctor aarch64-linux-gnu linux/arm/v7",
        "  crosskit doctor x86_64-windows-gnu --json"})
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Targets to check (any spelling).",
      completionCandidates = CompletionCandidates.Targets.class)
  List<String> targets = new ArrayList<>();

  @Mixin SharedOptions.Json json;

  @Mixin SharedOptions.ProjectIfAny project;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProjectConfig config = targets.isEmpty() ? project.config().orElse(null) : null;
    List<Target> list = !targets.isEmpty() ? CliTargets.all(err, targets)
        : config != null && !config.targets().isEmpty() ? CliTargets.all(err, config.targets())
        : ToolchainData.builtIn().commonTargets();
    // Sysroots a build makes on first use (musl) count as available; doctor itself downloads nothing.
    Host host = Main.host(spec);
    ToolchainDoctor doctor = ToolchainDoctor.of(host, host.finderWithoutDownloads());
    DoctorReport report = doctor.check(list);
    BuildTools buildTools = BuildTools.builtIn();
    ProjectNeeds needs = config != null ? ProjectNeeds.of(config, list) : null;
    List<BuildTools.Tool> needed = needs != null ? needs.tools() : List.of();
    List<BuildTools.Tool> required = needs != null ? buildTools.required(needs.buildSystem(), config.projectDir())
        : List.of();
    List<BuildTools.Status> tools = buildTools.check(buildTools.all(), host.tools());
    if (json.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("targets", toJson(report));
      doc.put("buildTools", toolsJson(buildTools, tools, needed));
      out.println(Json.write(doc));
    } else {
      print(out, report);
      printTools(out, buildTools, tools, needed, config != null ? config.projectDir() : null);
    }
    boolean toolsReady = tools.stream().noneMatch(t -> t.found().isEmpty() && required.contains(t.tool()));
    boolean checked = !targets.isEmpty() || config != null;
    return !checked || (report.buildAndRunReady() && toolsReady) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The build systems' host tools: found or not, which build systems use them, the fix. */
  private static void printTools(PrintWriter out, BuildTools buildTools, List<BuildTools.Status> tools,
      List<BuildTools.Tool> needed, Path projectDir) {
    Table table = new Table("BUILD TOOL", "STATUS", "FOUND / MISSING", "USED BY", "FIX");
    for (BuildTools.Status s : tools) {
      String usedBy = String.join(", ", buildTools.usedBy(s.tool()));
      if (needed.contains(s.tool())) {
        usedBy = "this project; " + usedBy;
      }
      table.row(s.tool().name(), s.found().isPresent() ? "ok" : "missing",
          s.found().map(Path::toString).orElse(s.tool().program()), usedBy,
          s.found().isPresent() ? "" : s.gap().fix());
    }
    out.println();
    out.print(table.render());
    out.println();
    out.println(projectDir != null ? "'crosskit setup' in " + projectDir + " installs what this project needs (as root)."
        : "Inside a project, 'crosskit setup' installs its build system's tools too (as root).");
  }

  private static List<Map<String, Object>> toolsJson(BuildTools buildTools, List<BuildTools.Status> tools,
      List<BuildTools.Tool> needed) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (BuildTools.Status s : tools) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tool", s.tool().name());
      m.put("program", s.tool().program());
      m.put("status", s.found().isPresent() ? "ok" : "missing");
      m.put("path", s.found().map(Path::toString).orElse(null));
      m.put("packages", s.tool().packages());
      m.put("usedBy", buildTools.usedBy(s.tool()));
      m.put("neededByProject", needed.contains(s.tool()));
      m.put("fix", s.found().isPresent() ? null : s.gap().fix());
      list.add(m);
    }
    return list;
  }

  private static void print(PrintWriter out, DoctorReport report) {
    Table table = new Table("TARGET", "PART", "STATUS", "FOUND / MISSING", "FIX");
    for (DoctorReport.TargetReport t : report.targets()) {
      String name = t.target();
      for (DoctorReport.Check c : t.checks()) {
        List<String> fixes = c.status() == DoctorReport.Status.OK ? List.of() : c.fixes();
        table.row(name, c.item(), c.status().label(), c.detail(), fixes.isEmpty() ? "" : fixes.get(0));
        for (int i = 1; i < fixes.size(); i++) {
          table.row("", "", "", "", fixes.get(i));
        }
        name = "";
      }
    }
    out.print(table.render());
    out.println();
    out.println("'crosskit setup TARGET...' installs the missing Debian packages and registers binfmt_misc (as root).");
    out.println(glibcFloors());
  }

  /**
   * The glibc floors a build can target ({@code glibc = "2.31"} in crosskit.toml). A method, not a
   * constant: building the command model must not read the suites catalog.
   */
  static String glibcFloors() {
    return "glibc floors (glibc = \"X.Y\" in crosskit.toml; libraries from that Debian suite): "
        + DebianSuites.builtIn().floors() + ".";
  }

  static List<Map<String, Object>> toJson(DoctorReport report) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (DoctorReport.TargetReport t : report.targets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", t.target());
      List<Map<String, Object>> checks = new ArrayList<>();
      for (DoctorReport.Check c : t.checks()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("part", c.item());
        cm.put("status", c.status().label());
        cm.put("detail", c.detail());
        List<Map<String, Object>> gaps = new ArrayList<>();
        c.gaps().forEach(g -> {
          Map<String, Object> gm = new LinkedHashMap<>();
          gm.put("missing", g.what());
          gm.put("packages", g.packages());
          gm.put("fix", g.fix());
          gaps.add(gm);
        });
        cm.put("gaps", gaps);
        cm.put("fix", c.status() == DoctorReport.Status.OK ? List.of() : c.fixes());
        checks.add(cm);
      }
      m.put("checks", checks);
      list.add(m);
    }
    return list;
  }
}
