package dev.crosskit.inspect;

import dev.crosskit.inspect.ElfFacts.ArmInfo;
import dev.crosskit.inspect.ElfFacts.Hardening;
import dev.crosskit.inspect.ElfFacts.RiscvInfo;
import java.util.ArrayList;
import java.util.List;

/** Turns an ELF file into {@link BinaryFacts}. */
final class ElfReader {
  private static final int EM_ARM = 40;
  private static final int EM_RISCV = 243;
  private static final long PF_X = 1;
  private static final long PF_W = 2;
  private static final int MAX_COMMENTS = 16;
  /** Debug string sections can be huge; the comp_dir strings sit near their start. */
  private static final long MAX_DEBUG_SCAN = 8L << 20;
  /** Producer strings sit at the start of .debug_str; 1 MiB of it is plenty. */
  private static final long MAX_FLAG_SCAN = 1L << 20;
  private static final String[] CODEGEN_PREFIXES = {"-march=", "-mcpu=", "-mtune=", "-mavx512"};
  private static final int MAX_CODEGEN_FLAGS = 16;

  private ElfReader() {}

  static BinaryFacts read(String path, ByteView raw, boolean scanStrings) {
    List<String> problems = new ArrayList<>();
    ElfImage elf = new ElfImage(raw, problems);
    ElfDynamic dyn = new ElfDynamic(elf);
    ElfSymbols syms = tolerant(problems, "symbol versions", () -> new ElfSymbols(elf, dyn));
    ElfNotes notes = tolerant(problems, "notes", () -> new ElfNotes(elf));
    Machines machines = Machines.get();

    String interp = interpreter(elf);
    String type = type(elf, dyn, interp);
    boolean object = elf.type == 1;
    // A shared library is dynamic by nature even when it needs nothing (gcc -shared with --as-needed).
    boolean dynamic = interp != null || !dyn.needed.isEmpty() || type.equals("shared-library");
    String linkage = object ? null : dynamic ? "dynamic" : "static";
    int bits = elf.is64 ? 64 : 32;
    String endian = elf.bigEndian() ? "big" : "little";
    String arch = machines.arch("elf", elf.machine, bits, elf.bigEndian());

    ArmInfo arm = elf.machine == EM_ARM ? tolerant(problems, "ARM attributes", () -> ElfArchAttributes.arm(elf)) : null;
    RiscvInfo riscv = elf.machine == EM_RISCV ? tolerant(problems, "RISC-V attributes", () -> ElfArchAttributes.riscv(elf)) : null;
    String floatAbi = arm != null ? arm.floatAbi() : riscv != null ? riscv.floatAbi() : null;
    String variant = arm != null ? ElfArchAttributes.armVariant(arm.cpuArchCode(), arm.profile()) : null;

    boolean dynamicSection = elf.segment(ElfImage.PT_DYNAMIC) != null;
    String os = bareMetal(elf, interp, notes, dynamicSection, arm) ? "none" : os(elf, interp, notes);
    String libc = "none".equals(os) ? "none" : libc(elf, interp, dyn, notes, syms, os);

    HostPathScanner hostPaths = new HostPathScanner();
    dyn.rpath.forEach(p -> hostPaths.checkString("RPATH", p));
    dyn.runpath.forEach(p -> hostPaths.checkString("RUNPATH", p));
    List<String> comment = new ArrayList<>();
    java.util.Set<String> codegen = new java.util.LinkedHashSet<>();
    boolean symtab = false;
    boolean debugInfo = false;
    for (ElfImage.Section s : elf.sections) {
      symtab |= s.type() == ElfImage.SHT_SYMTAB;
      debugInfo |= s.name().equals(".debug_info") || s.name().equals(".zdebug_info");
      if (s.type() == ElfImage.SHT_NOBITS) {
        continue;
      }
      if (!scanStrings && !s.name().equals(".comment")) {
        continue;
      }
      switch (s.name()) {
        case ".comment" -> {
          comment.addAll(strings(elf.v, s.offset(), s.size()));
          hostPaths.scan(elf.v, s.name(), s.offset(), s.size());
        }
        case ".debug_str" -> {
          hostPaths.scan(elf.v, s.name(), s.offset(), Math.min(s.size(), MAX_DEBUG_SCAN));
          codegenFlags(elf.v, s.offset(), Math.min(s.size(), MAX_FLAG_SCAN), codegen);
        }
        case ".debug_line_str" -> hostPaths.scan(elf.v, s.name(), s.offset(), Math.min(s.size(), MAX_DEBUG_SCAN));
        case ".GCC.command.line" -> {
          hostPaths.scan(elf.v, s.name(), s.offset(), s.size());
          codegenFlags(elf.v, s.offset(), Math.min(s.size(), MAX_FLAG_SCAN), codegen);
        }
        case ".rodata" -> hostPaths.scan(elf.v, s.name(), s.offset(), s.size());
        default -> { }
      }
    }

    Hardening hardening = object ? null : hardening(elf, dyn, syms, type, dynamic, machines);
    ElfFacts facts = new ElfFacts(bits, endian, elf.osAbi, type, elf.machine, machines.name("elf", elf.machine),
        "0x" + Long.toHexString(elf.flags), hex(elf.entry), interp, dyn.soname, dyn.needed, dyn.rpath, dyn.runpath,
        syms == null ? List.of() : syms.versionNeeds, syms == null ? List.of() : syms.newest,
        syms == null ? List.of() : syms.privateSymbols, notes == null ? null : notes.property(), arm, riscv,
        notes == null ? null : notes.buildId, notes == null ? null : notes.abiTagOs,
        notes == null ? null : notes.minKernel, hardening, !symtab, debugInfo,
        comment.size() > MAX_COMMENTS ? comment.subList(0, MAX_COMMENTS) : comment, List.copyOf(codegen),
        hostPaths.found(), scanStrings,
        elf.segments.size(), elf.sections.size(), dynamicSection, loads(elf));
    return new BinaryFacts(path, raw.size(), "elf", arch, variant, bits, endian, os, libc, floatAbi, linkage, null,
        facts, null, null, problems);
  }

  /** Runs an optional part of the parse; a malformed part becomes a problem, not a failure of the file. */
  private static <T> T tolerant(List<String> problems, String what, java.util.function.Supplier<T> part) {
    try {
      return part.get();
    } catch (MalformedBinaryException | IndexOutOfBoundsException | IllegalArgumentException e) {
      problems.add(what + ": " + e.getMessage());
      return null;
    }
  }

  private static String interpreter(ElfImage elf) {
    ElfImage.Segment s = elf.segment(ElfImage.PT_INTERP);
    if (s == null || s.filesz() == 0) {
      return null;
    }
    return elf.v.cstring(s.offset());
  }

  private static String type(ElfImage elf, ElfDynamic dyn, String interp) {
    switch (elf.type) {
      case 1: return "object";
      case 2: return "executable";
      case 4: return "core";
      case 3:
        if (dyn.pieFlag()) {
          return interp == null && dyn.needed.isEmpty() ? "static-pie" : "pie";
        }
        if (interp != null && dyn.soname == null) {
          return "pie";
        }
        return "shared-library";
      default: return "unknown (" + elf.type + ")";
    }
  }

  /**
   * A program for no operating system: an Arm microcontroller (profile M), or an executable with
   * none of what every Linux or FreeBSD linker leaves (an interpreter, a dynamic section, an ABI
   * note, a PT_GNU_STACK segment saying how the kernel should map the stack).
   */
  private static boolean bareMetal(ElfImage elf, String interp, ElfNotes notes, boolean dynamicSection, ArmInfo arm) {
    if (elf.type != 2 || interp != null || dynamicSection || elf.osAbi != 0) {
      return false;
    }
    if (arm != null && "M".equals(arm.profile())) {
      return true;
    }
    boolean abiNote = notes != null && notes.abiTagOs != null;
    return !abiNote && elf.segment(ElfImage.PT_GNU_STACK) == null && elf.segment(ElfImage.PT_LOAD) != null;
  }

  private static List<ElfFacts.LoadSegment> loads(ElfImage elf) {
    List<ElfFacts.LoadSegment> out = new ArrayList<>();
    for (ElfImage.Segment s : elf.segments) {
      if (s.type() == ElfImage.PT_LOAD) {
        String flags = ((s.flags() & 4) != 0 ? "r" : "-") + ((s.flags() & PF_W) != 0 ? "w" : "-")
            + ((s.flags() & PF_X) != 0 ? "x" : "-");
        out.add(new ElfFacts.LoadSegment(hex(s.vaddr()), hex(s.paddr()), s.filesz(), s.memsz(), flags));
      }
    }
    return out;
  }

  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  private static String os(ElfImage elf, String interp, ElfNotes notes) {
    if (elf.osAbi == 9 || (interp != null && interp.contains("ld-elf.so"))
        || (notes != null && "freebsd".equals(notes.abiTagOs))) {
      return "freebsd";
    }
    if (elf.type == 1 && interp == null && (notes == null || notes.abiTagOs == null)) {
      return null;
    }
    return "linux";
  }

  private static String libc(ElfImage elf, String interp, ElfDynamic dyn, ElfNotes notes, ElfSymbols syms,
      String os) {
    if ("freebsd".equals(os)) {
      return "system";
    }
    if (interp != null) {
      if (interp.contains("ld-musl")) {
        return "musl";
      }
      if (interp.contains("ld-linux") || interp.contains("ld64.so") || interp.endsWith("/ld.so.1")) {
        return "glibc";
      }
    }
    for (String n : dyn.needed) {
      if (Machines.get().glibcSoname(n)) {
        return "glibc";
      }
      if (n.equals("libc.so") || n.startsWith("libc.musl-")) {
        return "musl";
      }
    }
    if (syms != null && syms.newest.stream().anyMatch(v -> v.family().equals("GLIBC"))) {
      return "glibc";
    }
    // glibc's crt1.o carries the ABI tag note; musl's does not. Only meaningful for linked files.
    if (elf.type != 1 && notes != null && "linux".equals(notes.abiTagOs)) {
      return "glibc";
    }
    return null;
  }

  private static Hardening hardening(ElfImage elf, ElfDynamic dyn, ElfSymbols syms, String type, boolean dynamic,
      Machines machines) {
    boolean pie = type.equals("pie") || type.equals("static-pie");
    boolean relroSeg = elf.segment(ElfImage.PT_GNU_RELRO) != null;
    String relro = !relroSeg ? "none" : dyn.fullBindNow() ? "full" : "partial";
    ElfImage.Segment stack = null;
    boolean rwx = false;
    for (ElfImage.Segment s : elf.segments) {
      if (s.type() == ElfImage.PT_GNU_STACK) {
        stack = s;
      }
      if (s.type() == ElfImage.PT_LOAD && (s.flags() & PF_X) != 0 && (s.flags() & PF_W) != 0) {
        rwx = true;
      }
    }
    boolean nx = stack != null ? (stack.flags() & PF_X) == 0 : machines.nxStackByDefault(elf.machine);
    Boolean canary = syms == null || !dynamic || !syms.sawSymbols ? null : syms.canary;
    List<String> fortified = syms == null ? List.of() : syms.fortified;
    return new Hardening(pie, relro, nx, canary, !fortified.isEmpty(), fortified, dyn.anyTextrel(), rwx,
        dyn.fullBindNow());
  }

  /** Collects -march=/-mcpu=/-mtune=/-mavx512* options from compiler command lines in a string section. */
  private static void codegenFlags(ByteView v, long off, long size, java.util.Set<String> into) {
    if (!v.contains(off, size) || size == 0) {
      return;
    }
    byte[] bytes = new byte[(int) size];
    v.copy(off, bytes, (int) size);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    // Plain indexOf per option prefix (an intrinsic), not a regex: debug string tables are large.
    for (String prefix : CODEGEN_PREFIXES) {
      for (int at = text.indexOf(prefix); at >= 0 && into.size() < MAX_CODEGEN_FLAGS; at = text.indexOf(prefix, at + 1)) {
        if (at > 0 && text.charAt(at - 1) != ' ' && text.charAt(at - 1) != 0) {
          continue;
        }
        int end = at + prefix.length();
        while (end < text.length() && optionChar(text.charAt(end))) {
          end++;
        }
        into.add(text.substring(at, end));
      }
    }
  }

  private static boolean optionChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '+';
  }

  private static List<String> strings(ByteView v, long off, long size) {
    List<String> out = new ArrayList<>();
    long end = off + size;
    long p = off;
    while (p < end && out.size() < MAX_COMMENTS * 4) {
      String s = v.cstring(p);
      if (!s.isEmpty() && !out.contains(s)) {
        out.add(s);
      }
      p += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }
    return out;
  }
}
