package dev.crosskit.inspect;

import java.util.ArrayList;
import java.util.List;

/** Turns a PE/COFF file (Windows .exe/.dll) into {@link BinaryFacts}. */
final class PeReader {
  private static final int MAX_SECTIONS = 96;
  private static final int MAX_IMPORTS = 4096;
  private static final String[] SUBSYSTEMS = {"unknown", "native", "gui", "console", "4", "os2", "6", "posix",
      "native-win9x", "windows-ce", "efi-application", "efi-boot-driver", "efi-runtime-driver", "efi-rom", "xbox",
      "15", "windows-boot-application"};

  private record Sec(long va, long vsize, long rawSize, long rawPtr) {}

  private PeReader() {}

  static BinaryFacts read(String path, ByteView v) {
    v.check(0, 0x40, "DOS header");
    long pe = v.u32(0x3c);
    v.check(pe, 24, "PE header");
    if (v.u32(pe) != 0x00004550L) {
      throw new MalformedBinaryException(v.what() + ": MZ file without a PE signature at offset " + pe
          + " (a DOS program, or corrupt)");
    }
    int machine = v.u16(pe + 4);
    int nsec = v.u16(pe + 6);
    int optSize = v.u16(pe + 20);
    int characteristics = v.u16(pe + 22);
    long opt = pe + 24;
    int magic = v.u16(opt);
    boolean plus = magic == 0x20b;
    if (magic != 0x10b && magic != 0x20b) {
      throw new MalformedBinaryException(v.what() + ": optional header magic 0x" + Integer.toHexString(magic)
          + " is neither PE32 nor PE32+: corrupt");
    }
    v.check(opt, plus ? 112 : 96, "optional header");
    long imageBase = plus ? v.u64(opt + 24) : v.u32(opt + 28);
    String osVersion = v.u16(opt + 40) + "." + v.u16(opt + 42);
    String subsystemVersion = v.u16(opt + 48) + "." + v.u16(opt + 50);
    int subsystem = v.u16(opt + 68);
    int dllChars = v.u16(opt + 70);
    long ndirs = Math.min(v.u32(opt + (plus ? 108 : 92)), 16);
    long dirs = opt + (plus ? 112 : 96);
    if (nsec > MAX_SECTIONS) {
      throw new MalformedBinaryException(v.what() + ": " + nsec + " sections (more than " + MAX_SECTIONS + "): corrupt");
    }
    long secTable = opt + optSize;
    v.check(secTable, 40L * nsec, "section table");
    List<Sec> secs = new ArrayList<>();
    for (int i = 0; i < nsec; i++) {
      long s = secTable + 40L * i;
      secs.add(new Sec(v.u32(s + 12), v.u32(s + 8), v.u32(s + 16), v.u32(s + 20)));
    }
    List<String> problems = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    List<String> delay = new ArrayList<>();
    if (ndirs > 1) {
      v.check(dirs + 8, 8, "import directory");
      imports(v, secs, v.u32(dirs + 8), 20, 12, 0, imports, problems);
    }
    if (ndirs > 13) {
      v.check(dirs + 13 * 8, 8, "delay-import directory");
      long rva = v.u32(dirs + 13 * 8);
      // Old-style delay descriptors (attributes 0) hold virtual addresses, not RVAs.
      long first = rvaToOffset(secs, rva);
      long base = first >= 0 && v.contains(first, 4) && v.u32(first) == 0 ? imageBase : 0;
      imports(v, secs, rva, 32, 4, base, delay, problems);
    }
    Machines m = Machines.get();
    String arch = m.arch("pe", machine, plus ? 64 : 32, false);
    PeFacts facts = new PeFacts(machine, m.name("pe", machine), plus ? "PE32+" : "PE32",
        (characteristics & 0x2000) != 0 ? "dll" : "exe",
        subsystem < SUBSYSTEMS.length ? SUBSYSTEMS[subsystem] : "subsystem-" + subsystem, subsystemVersion, osVersion,
        "0x" + Integer.toHexString(dllChars), (dllChars & 0x40) != 0, (dllChars & 0x20) != 0,
        (dllChars & 0x100) != 0, (dllChars & 0x4000) != 0, imports, delay);
    int bits = plus ? 64 : 32;
    return new BinaryFacts(path, v.size(), "pe", arch, null, bits, "little", "windows", libc(imports), null,
        imports.isEmpty() && delay.isEmpty() ? "static" : "dynamic", null, null, facts, null, problems);
  }

  /** mingw links msvcrt.dll or the UCRT (api-ms-win-crt-*, ucrtbase.dll); both are "mingw" in the catalog. */
  private static String libc(List<String> imports) {
    for (String s : imports) {
      String l = s.toLowerCase(java.util.Locale.ROOT);
      if (l.equals("msvcrt.dll") || l.startsWith("api-ms-win-crt-") || l.equals("ucrtbase.dll")) {
        return "mingw";
      }
    }
    return null;
  }

  private static void imports(ByteView v, List<Sec> secs, long rva, int descSize, int nameField, long base,
      List<String> out, List<String> problems) {
    if (rva == 0) {
      return;
    }
    long off = rvaToOffset(secs, rva);
    if (off < 0) {
      problems.add("import directory RVA 0x" + Long.toHexString(rva) + " is not in any section");
      return;
    }
    for (int i = 0; i < MAX_IMPORTS; i++) {
      long d = off + (long) i * descSize;
      v.check(d, descSize, "import descriptor");
      long nameRva = v.u32(d + nameField);
      if (nameRva == 0) {
        return;
      }
      long nameOff = rvaToOffset(secs, nameRva - base);
      if (nameOff < 0) {
        problems.add("import name RVA 0x" + Long.toHexString(nameRva) + " is not in any section");
        return;
      }
      out.add(v.cstring(nameOff));
    }
  }

  private static long rvaToOffset(List<Sec> secs, long rva) {
    for (Sec s : secs) {
      long span = Math.max(s.vsize(), s.rawSize());
      if (rva >= s.va() && rva < s.va() + span && rva - s.va() < s.rawSize()) {
        return s.rawPtr() + (rva - s.va());
      }
    }
    return -1;
  }
}
