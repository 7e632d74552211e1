package dev.crosskit.inspect;

import dev.crosskit.base.Versions;
import dev.crosskit.inspect.ElfFacts.NewestVersion;
import dev.crosskit.inspect.ElfFacts.VersionNeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Required symbol versions (.gnu.version_r through DT_VERNEED) and the undefined dynamic symbols
 * that need them (.gnu.version through DT_VERSYM), plus the imports that show stack protector and
 * FORTIFY use. Everything is found through the dynamic section, so stripped files work.
 */
final class ElfSymbols {
  private static final int MAX_VERNEED = 10_000;
  private static final int MAX_SYMBOL_NAMES = 50;
  /** GLIBC_ABI_DT_RELR is a marker, not a numbered version: it means the binary needs glibc 2.36. */
  private static final String DT_RELR_MARKER = "GLIBC_ABI_DT_RELR";

  final List<VersionNeed> versionNeeds = new ArrayList<>();
  final List<NewestVersion> newest = new ArrayList<>();
  final List<String> privateSymbols = new ArrayList<>();
  final List<String> fortified = new ArrayList<>();
  boolean canary;
  boolean sawSymbols;

  private record Need(String name, String library, String family, String version) {}

  ElfSymbols(ElfImage elf, ElfDynamic dyn) {
    if (!dyn.present || dyn.strtab < 0) {
      return;
    }
    Map<Integer, Need> needs = readVerneed(elf, dyn);
    Map<String, Need> newestByFamily = newestPerFamily(needs);
    Map<Integer, String> wanted = new HashMap<>();
    needs.forEach((idx, n) -> {
      if (n.name().equals("GLIBC_PRIVATE") || newestByFamily.get(n.family()) == n) {
        wanted.put(idx, n.name());
      }
    });
    Map<String, TreeSet<String>> symbolsByVersion = new HashMap<>();
    scanSymbols(elf, dyn, wanted, needs.keySet(), symbolsByVersion);
    for (Need n : newestByFamily.values()) {
      TreeSet<String> syms = symbolsByVersion.getOrDefault(n.name(), new TreeSet<>());
      newest.add(new NewestVersion(n.family(), n.version(), n.library(), cap(syms)));
    }
    privateSymbols.addAll(cap(symbolsByVersion.getOrDefault("GLIBC_PRIVATE", new TreeSet<>())));
    if (privateSymbols.isEmpty() && needs.values().stream().anyMatch(n -> n.name().equals("GLIBC_PRIVATE"))) {
      privateSymbols.add("(GLIBC_PRIVATE required; symbol unknown)");
    }
  }

  private static List<String> cap(TreeSet<String> s) {
    List<String> l = new ArrayList<>(s);
    return l.size() > MAX_SYMBOL_NAMES ? l.subList(0, MAX_SYMBOL_NAMES) : l;
  }

  private Map<Integer, Need> readVerneed(ElfImage elf, ElfDynamic dyn) {
    Map<Integer, Need> byIndex = new LinkedHashMap<>();
    if (dyn.verneed < 0) {
      return byIndex;
    }
    ByteView v = elf.v;
    long off = dyn.verneed;
    long count = Math.min(dyn.verneedNum == 0 ? MAX_VERNEED : dyn.verneedNum, MAX_VERNEED);
    int total = 0;
    for (long i = 0; i < count; i++) {
      int cnt = v.u16(off + 2);
      String lib = dyn.string(v, v.u32(off + 4));
      long aux = off + v.u32(off + 8);
      List<String> versions = new ArrayList<>();
      for (int j = 0; j < cnt && total++ < MAX_VERNEED; j++) {
        int other = v.u16(aux + 6);
        String name = dyn.string(v, v.u32(aux + 8));
        versions.add(name);
        byIndex.put(other & 0x7fff, need(name, lib));
        long next = v.u32(aux + 12);
        if (next == 0) {
          break;
        }
        aux += next;
      }
      versionNeeds.add(new VersionNeed(lib, versions));
      long next = v.u32(off + 12);
      if (next == 0) {
        break;
      }
      off += next;
    }
    return byIndex;
  }

  private static Need need(String name, String lib) {
    if (name.equals(DT_RELR_MARKER)) {
      return new Need(name, lib, "GLIBC", "2.36");
    }
    int us = name.lastIndexOf('_');
    if (us > 0 && us + 1 < name.length() && Character.isDigit(name.charAt(us + 1))) {
      return new Need(name, lib, name.substring(0, us), name.substring(us + 1));
    }
    return new Need(name, lib, name, null);
  }

  private static Map<String, Need> newestPerFamily(Map<Integer, Need> needs) {
    Map<String, Need> best = new LinkedHashMap<>();
    for (Need n : needs.values()) {
      if (n.version() == null) {
        continue;
      }
      Need cur = best.get(n.family());
      if (cur == null || Versions.compare(n.version(), cur.version()) > 0) {
        best.put(n.family(), n);
      }
    }
    return best;
  }

  private void scanSymbols(ElfImage elf, ElfDynamic dyn, Map<Integer, String> wanted, java.util.Set<Integer> imported,
      Map<String, TreeSet<String>> out) {
    if (dyn.symtab < 0) {
      return;
    }
    ByteView v = elf.v;
    int entsize = elf.is64 ? 24 : 16;
    if (dyn.syment != 0 && dyn.syment != entsize) {
      elf.problems.add("DT_SYMENT is " + dyn.syment + ", expected " + entsize + ": symbols not read");
      return;
    }
    long count = symbolCount(elf, dyn, entsize);
    count = Math.min(count, Math.max(0, (v.size() - dyn.symtab) / entsize));
    boolean versioned = dyn.versym >= 0 && !wanted.isEmpty();
    sawSymbols = count > 1;
    // With a version table, the symbols imported from versioned libraries (glibc, libstdc++, ...)
    // are exactly those whose version index names a "needed" version: walk the 2-byte version
    // table and only read those symbol entries, not the (often huge) export table.
    boolean[] importedIndex = null;
    short[] versions = null;
    if (dyn.versym >= 0 && !imported.isEmpty() && v.contains(dyn.versym, 2 * count)) {
      importedIndex = new boolean[0x8000];
      for (int idx : imported) {
        importedIndex[idx] = true;
      }
      // One bulk copy of the table rather than a checked read per symbol: libraries export
      // tens of thousands, and this loop runs before the JIT has compiled it.
      versions = new short[(int) count];
      v.copyShorts(dyn.versym, versions, (int) count);
    }
    for (long i = 1; i < count; i++) {
      if (versions != null && !importedIndex[versions[(int) i] & 0x7fff]) {
        continue;
      }
      long o = dyn.symtab + i * entsize;
      int shndx = v.u16(o + (elf.is64 ? 6 : 14));
      if (shndx != 0) {
        continue;
      }
      long nameIdx = v.u32(o);
      if (nameIdx == 0) {
        continue;
      }
      String versionName = null;
      if (versioned && v.contains(dyn.versym + 2 * i, 2)) {
        versionName = wanted.get((versions != null ? versions[(int) i] : v.u16(dyn.versym + 2 * i)) & 0x7fff);
      }
      long nameOff = dyn.strtab + nameIdx;
      boolean underscore = v.contains(nameOff, 2) && v.rawByte(nameOff) == '_' && v.rawByte(nameOff + 1) == '_';
      if (versionName == null && !underscore) {
        continue;
      }
      String name = dyn.string(v, nameIdx);
      if (versionName != null) {
        out.computeIfAbsent(versionName, k -> new TreeSet<>()).add(name);
      }
      if (underscore) {
        classifyImport(name);
      }
    }
  }

  private void classifyImport(String name) {
    if (name.equals("__stack_chk_fail") || name.equals("__stack_chk_guard")) {
      canary = true;
    } else if (name.endsWith("_chk") && !name.startsWith("__stack_chk") && fortified.size() < MAX_SYMBOL_NAMES) {
      fortified.add(name);
    }
  }

  /** Number of dynamic symbols: from the .dynsym section header, else DT_HASH, else a DT_GNU_HASH walk. */
  private static long symbolCount(ElfImage elf, ElfDynamic dyn, int entsize) {
    ElfImage.Section s = elf.sectionOfType(ElfImage.SHT_DYNSYM);
    if (s != null && s.size() > 0) {
      return s.size() / entsize;
    }
    ByteView v = elf.v;
    if (dyn.hash >= 0) {
      return v.u32(dyn.hash + 4);
    }
    if (dyn.gnuHash >= 0) {
      long nbuckets = v.u32(dyn.gnuHash);
      long symoffset = v.u32(dyn.gnuHash + 4);
      long bloomSize = v.u32(dyn.gnuHash + 8);
      long buckets = dyn.gnuHash + 16 + bloomSize * (elf.is64 ? 8 : 4);
      v.check(buckets, nbuckets * 4, "GNU hash buckets");
      long max = 0;
      for (long i = 0; i < nbuckets; i++) {
        max = Math.max(max, v.u32(buckets + 4 * i));
      }
      long count = symoffset;
      if (max >= symoffset) {
        long chain = buckets + nbuckets * 4;
        long idx = max;
        while (v.contains(chain + 4 * (idx - symoffset), 4) && (v.u32(chain + 4 * (idx - symoffset)) & 1) == 0) {
          idx++;
        }
        count = idx + 1;
      }
      // The GNU hash only covers defined symbols; undefined ones may lie beyond a degenerate table
      // (non-PIE executables: symoffset 1, no buckets). The dynamic symbol table ends where the
      // next dynamic table starts, which bounds it from above.
      return Math.max(count, nextTable(dyn) / entsize);
    }
    return nextTable(dyn) / entsize;
  }

  /** Bytes from DT_SYMTAB to the nearest dynamic table after it (string, version, hash tables), or 0. */
  private static long nextTable(ElfDynamic dyn) {
    long next = Long.MAX_VALUE;
    for (long t : new long[] {dyn.strtab, dyn.versym, dyn.verneed, dyn.gnuHash, dyn.hash}) {
      if (t > dyn.symtab && t < next) {
        next = t;
      }
    }
    return next == Long.MAX_VALUE ? 0 : next - dyn.symtab;
  }
}
