package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.doctor.DoctorReport;
import dev.crosskit.doctor.ToolchainDoctor;
import dev.crosskit.host.Host;
import dev.crosskit.report.Table;
import dev.crosskit.sysroot.DebianSuites;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ToolchainData;
import java.io.PrintWriter;
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
    footer = {"", "Without TARGET, checks the common targets. Only files are looked at:",
        "nothing is run or installed.",
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Target> list = targets.isEmpty() ? ToolchainData.builtIn().commonTargets()
        : CliTargets.all(spec.commandLine().getErr(), targets);
    // Sysroots a build makes on first use (musl) count as available; doctor itself downloads nothing.
    Host host = Main.host(spec);
    ToolchainDoctor doctor = ToolchainDoctor.of(host, host.finderWithoutDownloads());
    DoctorReport report = doctor.check(list);
    if (json.json) {
      out.println(Json.write(toJson(report)));
    } else {
      print(out, report);
    }
    return targets.isEmpty() || report.buildAndRunReady() ? ExitCodes.OK : ExitCodes.FAILED;
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
