package dev.crosskit.cli;

import dev.crosskit.cli.InspectCommand.FileResult;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.ElfFacts;
import dev.crosskit.inspect.ElfFacts.Hardening;
import dev.crosskit.inspect.ElfFacts.NewestVersion;
import dev.crosskit.inspect.Finding;
import dev.crosskit.inspect.MachOFacts;
import dev.crosskit.inspect.PeFacts;
import dev.crosskit.inspect.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Human output of {@code crosskit inspect}: one compact block per file, key facts first, then findings. */
final class InspectText {
  private static final int SHOWN = 4;

  private InspectText() {}

  static void render(List<FileResult> results, PrintWriter out) {
    int pass = 0;
    int fail = 0;
    int errors = 0;
    for (FileResult r : results) {
      if (r.error() != null) {
        errors++;
        continue;
      }
      boolean failed = r.findings().stream().anyMatch(f -> f.severity() == Severity.FAIL);
      if (failed) {
        fail++;
      } else {
        pass++;
      }
      out.println(r.path() + (failed ? "  [FAIL]" : "  [ok]"));
      for (String line : facts(r.facts())) {
        out.println("  " + line);
      }
      for (Finding f : r.findings()) {
        out.println("  " + f);
      }
      out.println();
    }
    out.println(results.size() + " file(s): " + pass + " passed, " + fail + " failed, " + errors + " unreadable");
  }

  static List<String> facts(BinaryFacts f) {
    List<String> lines = new ArrayList<>();
    String target = f.target() != null ? f.target() : "no catalog target";
    if (f.elf() != null) {
      elf(f, f.elf(), target, lines);
    } else if (f.pe() != null) {
      pe(f.pe(), target, lines);
    } else if (f.macho() != null) {
      macho(f.macho(), target, lines);
    }
    return lines;
  }

  private static void elf(BinaryFacts f, ElfFacts e, String target, List<String> lines) {
    String arch = f.variant() != null ? f.variant() : f.arch();
    lines.add(target + " | ELF" + e.elfClass() + " " + f.endian() + "-endian " + arch + " " + e.type()
        + (f.linkage() != null ? ", " + f.linkage() : "") + (f.libc() != null ? ", " + f.libc() : ""));
    if (e.interpreter() != null) {
      lines.add("interpreter: " + e.interpreter());
    }
    if (!e.needed().isEmpty()) {
      lines.add("needs: " + list(e.needed(), 8));
    }
    for (NewestVersion n : e.newestVersions()) {
      if (n.family().startsWith("GLIBC") || n.family().equals("CXXABI") || n.family().equals("GCC")) {
        lines.add("newest " + n.family() + "_" + n.version() + (n.symbols().isEmpty() ? "" : ": " + list(n.symbols(), SHOWN)));
      }
    }
    List<String> cpu = new ArrayList<>();
    if (f.floatAbi() != null) {
      cpu.add("float ABI " + f.floatAbi());
    }
    if (e.arm() != null && e.arm().cpuArch() != null) {
      cpu.add("Tag_CPU_arch " + e.arm().cpuArch());
    }
    if (e.riscv() != null && e.riscv().isa() != null) {
      cpu.add("ISA " + e.riscv().isa());
    }
    if (e.gnuProperty() != null && e.gnuProperty().x86IsaLevel() != null) {
      cpu.add("x86 ISA needed " + String.join(",", e.gnuProperty().x86IsaNeeded()));
    }
    if (!cpu.isEmpty()) {
      lines.add(String.join(", ", cpu));
    }
    Hardening h = e.hardening();
    if (h != null) {
      lines.add("hardening: " + (e.type().equals("shared-library") ? "shared library" : h.pie() ? "PIE" : "no PIE") + ", RELRO " + h.relro() + ", " + (h.nx() ? "NX" : "exec stack")
          + ", canary " + (h.canary() == null ? "unknown" : h.canary() ? "yes" : "no")
          + ", FORTIFY " + (h.fortify() ? "yes (" + h.fortifiedFunctions().size() + ")" : "no")
          + (h.textrel() ? ", TEXTREL" : "") + (h.rwxSegments() ? ", RWX segment" : ""));
    }
    List<String> misc = new ArrayList<>();
    misc.add(e.stripped() ? "stripped" : "symbols");
    if (e.debugInfo()) {
      misc.add("debug info");
    }
    if (e.buildId() != null) {
      misc.add("build-id " + e.buildId());
    }
    if (e.minKernel() != null) {
      misc.add("kernel >= " + e.minKernel());
    }
    if (!e.rpath().isEmpty() || !e.runpath().isEmpty()) {
      misc.add("rpath " + String.join(":", e.rpath()) + String.join(":", e.runpath()));
    }
    lines.add(String.join(", ", misc));
  }

  private static void pe(PeFacts p, String target, List<String> lines) {
    lines.add(target + " | " + p.magic() + " " + p.machineName() + " " + p.kind() + ", subsystem " + p.subsystem()
        + " " + p.subsystemVersion());
    if (!p.imports().isEmpty()) {
      lines.add("imports: " + list(p.imports(), 8));
    }
    if (!p.delayImports().isEmpty()) {
      lines.add("delay imports: " + list(p.delayImports(), 8));
    }
    lines.add("hardening: " + (p.aslr() ? "ASLR" : "no ASLR") + (p.highEntropyVa() ? " (high entropy)" : "")
        + ", " + (p.nx() ? "NX" : "no NX") + ", " + (p.cfg() ? "CFG" : "no CFG"));
  }

  private static void macho(MachOFacts m, String target, List<String> lines) {
    lines.add(target + " | Mach-O " + (m.fat() ? "fat (" + m.slices().size() + " slices)" : "thin"));
    for (MachOFacts.Slice s : m.slices()) {
      lines.add(s.arch() + " " + s.fileType() + (s.pie() ? " PIE" : "")
          + (s.minOs() != null ? ", " + s.platform() + " >= " + s.minOs() + " (SDK " + s.sdk() + ")" : "")
          + (!s.codeSignature() ? ", unsigned" : s.signatureProblem() != null ? ", signature stale" : ", signed")
          + (s.dylibs().isEmpty() ? "" : ", links " + list(s.dylibs(), 4)));
    }
  }

  private static String list(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max)) + " (+" + (items.size() - max) + " more)";
  }
}
