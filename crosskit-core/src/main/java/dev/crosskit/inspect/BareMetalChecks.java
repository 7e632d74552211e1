package dev.crosskit.inspect;

import dev.crosskit.inspect.ElfFacts.LoadSegment;
import dev.crosskit.inspect.ElfFacts.VectorTable;
import dev.crosskit.target.Board;
import dev.crosskit.target.Boards;
import dev.crosskit.target.MemoryRegion;
import dev.crosskit.target.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bare-metal program must be to start on its board: code for the board's CPU (ARM
 * Tag_CPU_arch and profile, no FPU instructions for a CPU without one), nothing for an operating
 * system (no interpreter, no dynamic section), and every loaded byte inside the board's flash or
 * RAM with the start where the CPU looks at reset: a Cortex-M's vector table at the start of
 * flash (stack pointer in RAM, reset handler in flash), else the entry point at the start of flash.
 */
final class BareMetalChecks {
  private BareMetalChecks() {}

  static void check(BinaryFacts f, Target t, Board chosen, List<Finding> out) {
    ElfFacts e = f.elf();
    if (e == null) {
      return; // a PE or Mach-O file failed "expect" already
    }
    cpu(e, t, out);
    out.add(e.interpreter() == null ? Finding.pass("no-interpreter", "no program interpreter")
        : Finding.fail("no-interpreter", "asks for the interpreter " + e.interpreter()
            + ", which only an operating system provides"));
    out.add(!e.dynamicSection() && e.needed().isEmpty() ? Finding.pass("no-dynamic", "no dynamic section")
        : Finding.fail("no-dynamic", "has a dynamic section" + (e.needed().isEmpty() ? "" : " needing "
            + String.join(", ", e.needed())) + ": link it statically (no -shared, no -pie)"));
    Board board = chosen != null ? chosen : Boards.builtIn().defaultFor(t).orElse(null);
    if (board != null) {
      memory(e, board, out);
    }
  }

  private static void cpu(ElfFacts e, Target t, List<Finding> out) {
    if (e.arm() == null || t.field("armCpuArchs").isEmpty()) {
      return;
    }
    List<String> allowed = List.of(t.fields().get("armCpuArchs").split(" "));
    String profile = t.fields().getOrDefault("armProfile", "");
    String have = e.arm().cpuArch();
    if (have == null) {
      out.add(Finding.warn("cpu-arch", "no .ARM.attributes: the CPU architecture cannot be checked"));
    } else if (!allowed.contains(have) || !profile.isEmpty() && e.arm().profile() != null
        && !profile.equals(e.arm().profile())) {
      out.add(Finding.fail("cpu-arch", "built for " + have + (e.arm().profile() != null ? " profile "
          + e.arm().profile() : "") + " (Tag_CPU_arch), which " + t.name() + " (" + String.join(", ", allowed)
          + ") cannot run; compile with " + t.archCflags()));
    } else {
      out.add(Finding.pass("cpu-arch", have + (e.arm().profile() != null ? " profile " + e.arm().profile() : "")));
    }
    if ("soft".equals(t.floatAbi()) && e.arm().fpArch() != null && e.arm().fpArch() > 0) {
      out.add(Finding.fail("cpu-arch", "uses floating-point instructions (Tag_FP_arch " + e.arm().fpArch()
          + "), but " + t.name() + " has no FPU"));
    }
  }

  private static void memory(ElfFacts e, Board b, List<Finding> out) {
    List<String> wrong = new ArrayList<>();
    for (LoadSegment s : e.loads()) {
      long vaddr = number(s.vaddr());
      long paddr = number(s.paddr());
      // Loaded bytes: where the board's memory must hold them (QEMU loads them at the load address).
      if (s.fileSize() > 0 && !b.flash().holds(paddr, s.fileSize()) && !b.ram().holds(paddr, s.fileSize())) {
        wrong.add(s.flags() + " segment loaded at " + s.paddr() + "+" + s.fileSize() + " bytes");
      }
      // Data the start-up code copies from flash (run address != load address) or clears (.bss)
      // is written while the program runs: it must be in RAM.
      boolean data = vaddr != paddr || s.memSize() > s.fileSize();
      if (data && s.memSize() > 0 && !b.ram().holds(vaddr, s.memSize())) {
        wrong.add("data segment at " + s.vaddr() + "+" + s.memSize() + " bytes is not in RAM");
      }
    }
    String where = board(b);
    if (!wrong.isEmpty()) {
      out.add(Finding.fail("memory", String.join("; ", wrong) + ": outside " + where
          + "; link with the board's layout (crosskit env / toolchain-file) or name the right [board]"));
    } else {
      out.add(Finding.pass("memory", "every segment inside " + where));
    }
    VectorTable vt = e.arm() != null ? e.arm().vectorTable() : null;
    if (vt != null) {
      long sp = number(vt.initialSp());
      long reset = number(vt.reset());
      List<String> bad = new ArrayList<>();
      if (number(vt.address()) != b.flash().origin()) {
        bad.add("it is at " + vt.address() + ", not at the start of flash " + MemoryRegion.hex(b.flash().origin()));
      }
      if (sp <= b.ram().origin() || sp > b.ram().end()) {
        bad.add("initial stack pointer " + vt.initialSp() + " is not in RAM");
      }
      if ((reset & 1) == 0 || !b.flash().holds(reset & ~1L, 2)) {
        bad.add("reset handler " + vt.reset() + ((reset & 1) == 0 ? " is not a Thumb address" : " is not in flash"));
      }
      out.add(bad.isEmpty() ? Finding.pass("vector-table", "at " + vt.address() + ": stack " + vt.initialSp()
          + ", reset " + vt.reset()) : Finding.fail("vector-table", String.join("; ", bad) + " (a Cortex-M on "
          + b.name() + " would not start)"));
    } else if (e.entry() != null) {
      long entry = number(e.entry());
      out.add(entry == b.flash().origin() ? Finding.pass("entry", "entry point " + e.entry() + " at the start of flash")
          : Finding.fail("entry", "entry point " + e.entry() + ", but " + b.name() + " starts executing at "
              + MemoryRegion.hex(b.flash().origin())));
    }
  }

  private static String board(Board b) {
    return b.name() + "'s flash " + b.flash() + " and RAM " + b.ram();
  }

  private static long number(String hex) {
    return Long.parseUnsignedLong(hex.substring(2), 16);
  }
}
