package dev.crosskit.inspect;

import dev.crosskit.inspect.ElfFacts.ArmInfo;
import dev.crosskit.inspect.ElfFacts.RiscvInfo;

/** What ARM and RISC-V ELF files say about their CPU in header flags and build-attribute sections. */
final class ElfArchAttributes {
  private static final long SHT_ATTRIBUTES = 0x70000003L;
  private static final String[] ARM_ARCH = {"pre-v4", "v4", "v4T", "v5T", "v5TE", "v5TEJ", "v6", "v6KZ", "v6T2",
      "v6K", "v7", "v6-M", "v6S-M", "v7E-M", "v8-A", "v8-R", "v8-M.baseline", "v8-M.mainline", "v8.1-A", "v8.2-A",
      "v8.3-A", "v8.1-M.mainline", "v9-A"};

  private ElfArchAttributes() {}

  /**
   * ARM: the EABI version and float ABI from the header flags, the CPU arch and FP from the build
   * attributes, and a Cortex-M executable's vector table.
   */
  static ArmInfo arm(ElfImage elf) {
    long f = elf.flags;
    int eabi = (int) ((f & 0xff000000L) >>> 24);
    String floatAbi = (f & 0x400) != 0 ? "hard" : (f & 0x200) != 0 ? "soft" : null;
    ElfImage.Section s = elf.sectionOfType(SHT_ATTRIBUTES);
    Integer cpu = null;
    String profile = null;
    Integer fp = null;
    Integer vfpArgs = null;
    if (s != null && s.size() > 0) {
      BuildAttributes a = new BuildAttributes(elf.v, s.offset(), s.size(), "aeabi", true);
      cpu = a.ints.containsKey(6) ? a.ints.get(6).intValue() : null;
      profile = a.ints.containsKey(7) && a.ints.get(7) > 0 ? String.valueOf((char) a.ints.get(7).intValue()) : null;
      fp = a.ints.containsKey(10) ? a.ints.get(10).intValue() : null;
      vfpArgs = a.ints.containsKey(28) ? a.ints.get(28).intValue() : null;
    }
    if (floatAbi == null && eabi >= 5) {
      floatAbi = vfpArgs != null && vfpArgs == 1 ? "hard" : "soft";
    }
    String cpuName = cpu == null ? null : cpu >= 0 && cpu < ARM_ARCH.length ? ARM_ARCH[cpu] : "arch-" + cpu;
    ElfFacts.VectorTable vectors = "M".equals(profile) && elf.type == 2 ? vectorTable(elf) : null;
    return new ArmInfo(eabi, floatAbi, cpuName, cpu, profile, fp, vfpArgs, vectors);
  }

  /**
   * The two words at the lowest address a Cortex-M program loads: where the CPU takes its stack
   * pointer and reset handler from when the vector table sits at the start of flash.
   */
  private static ElfFacts.VectorTable vectorTable(ElfImage elf) {
    ElfImage.Segment first = null;
    for (ElfImage.Segment s : elf.segments) {
      if (s.type() == ElfImage.PT_LOAD && s.filesz() >= 8
          && (first == null || Long.compareUnsigned(s.paddr(), first.paddr()) < 0)) {
        first = s;
      }
    }
    if (first == null) {
      return null;
    }
    return new ElfFacts.VectorTable(ElfReader.hex(first.paddr()), ElfReader.hex(elf.v.u32(first.offset())), ElfReader.hex(elf.v.u32(first.offset() + 4)));
  }

  /**
   * The catalog variant an ARM CPU arch runs as: v6 family = armv6, v7 family = armv7, v8+ = armv8;
   * microcontrollers (profile M) armv6m, armv7m, armv7em or armv8m.
   */
  static String armVariant(Integer cpuArch, String profile) {
    if (cpuArch == null) {
      return null;
    }
    if ("M".equals(profile) || cpuArch == 11 || cpuArch == 12 || cpuArch == 13 || cpuArch == 16 || cpuArch == 17) {
      return switch (cpuArch) {
        case 11, 12 -> "armv6m";
        case 10 -> "armv7m";
        case 13 -> "armv7em";
        case 16, 17, 21 -> "armv8m";
        default -> armVariant(cpuArch, null);
      };
    }
    return switch (cpuArch) {
      case 1, 2 -> "armv4";
      case 3, 4, 5 -> "armv5";
      case 6, 7, 8, 9, 11, 12 -> "armv6";
      case 10, 13 -> "armv7";
      default -> "armv8";
    };
  }

  /** RISC-V: the float ABI, RVC and RVE from the header flags, the ISA string from the attributes. */
  static RiscvInfo riscv(ElfImage elf) {
    long f = elf.flags;
    String[] abi = {"soft", "single", "double", "quad"};
    String isa = null;
    ElfImage.Section s = elf.sectionOfType(SHT_ATTRIBUTES);
    long off = -1;
    long size = 0;
    if (s != null) {
      off = s.offset();
      size = s.size();
    } else {
      ElfImage.Segment seg = elf.segment(ElfImage.PT_RISCV_ATTRIBUTES);
      if (seg != null) {
        off = seg.offset();
        size = seg.filesz();
      }
    }
    if (off >= 0 && size > 0) {
      isa = new BuildAttributes(elf.v, off, size, "riscv", false).strings.get(5);
    }
    return new RiscvInfo(abi[(int) ((f >> 1) & 3)], (f & 1) != 0, (f & 8) != 0, isa);
  }
}
