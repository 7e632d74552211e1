package dev.crosskit.inspect;

import java.util.ArrayList;
import java.util.List;

/** The dynamic section (found through PT_DYNAMIC): needed libraries, search paths, flags and table addresses. */
final class ElfDynamic {
  static final long DT_NEEDED = 1;
  static final long DT_HASH = 4;
  static final long DT_STRTAB = 5;
  static final long DT_SYMTAB = 6;
  static final long DT_STRSZ = 10;
  static final long DT_SYMENT = 11;
  static final long DT_SONAME = 14;
  static final long DT_RPATH = 15;
  static final long DT_TEXTREL = 22;
  static final long DT_BIND_NOW = 24;
  static final long DT_RUNPATH = 29;
  static final long DT_FLAGS = 30;
  static final long DT_GNU_HASH = 0x6ffffef5L;
  static final long DT_VERSYM = 0x6ffffff0L;
  static final long DT_FLAGS_1 = 0x6ffffffbL;
  static final long DT_VERNEED = 0x6ffffffeL;
  static final long DT_VERNEEDNUM = 0x6fffffffL;
  static final long DF_BIND_NOW = 0x8;
  static final long DF_TEXTREL = 0x4;
  static final long DF_1_NOW = 0x1;
  static final long DF_1_PIE = 0x08000000L;

  final boolean present;
  final List<String> needed = new ArrayList<>();
  final List<String> rpath = new ArrayList<>();
  final List<String> runpath = new ArrayList<>();
  String soname;
  long strtab = -1;
  long strsz;
  long symtab = -1;
  long syment;
  long hash = -1;
  long gnuHash = -1;
  long versym = -1;
  long verneed = -1;
  long verneedNum;
  long flags;
  long flags1;
  boolean bindNow;
  boolean textrel;

  ElfDynamic(ElfImage elf) {
    ByteView v = elf.v;
    long off = -1;
    long size = 0;
    ElfImage.Segment seg = elf.segment(ElfImage.PT_DYNAMIC);
    if (seg != null) {
      off = seg.offset();
      size = seg.filesz();
    }
    present = off >= 0 && size > 0;
    if (!present) {
      return;
    }
    int ent = elf.is64 ? 16 : 8;
    long count = Math.min(size / ent, 100_000);
    List<Long> neededOffs = new ArrayList<>();
    List<Long> rpathOffs = new ArrayList<>();
    List<Long> runpathOffs = new ArrayList<>();
    long sonameOff = -1;
    for (long i = 0; i < count; i++) {
      long o = off + i * ent;
      long tag = v.word(o, elf.is64);
      long val = v.word(o + ent / 2, elf.is64);
      if (tag == 0) {
        break;
      }
      if (tag == DT_NEEDED) {
        neededOffs.add(val);
      } else if (tag == DT_RPATH) {
        rpathOffs.add(val);
      } else if (tag == DT_RUNPATH) {
        runpathOffs.add(val);
      } else if (tag == DT_SONAME) {
        sonameOff = val;
      } else if (tag == DT_STRTAB) {
        strtab = elf.offsetOf(val);
      } else if (tag == DT_STRSZ) {
        strsz = val;
      } else if (tag == DT_SYMTAB) {
        symtab = elf.offsetOf(val);
      } else if (tag == DT_SYMENT) {
        syment = val;
      } else if (tag == DT_HASH) {
        hash = elf.offsetOf(val);
      } else if (tag == DT_GNU_HASH) {
        gnuHash = elf.offsetOf(val);
      } else if (tag == DT_VERSYM) {
        versym = elf.offsetOf(val);
      } else if (tag == DT_VERNEED) {
        verneed = elf.offsetOf(val);
      } else if (tag == DT_VERNEEDNUM) {
        verneedNum = val;
      } else if (tag == DT_FLAGS) {
        flags = val;
      } else if (tag == DT_FLAGS_1) {
        flags1 = val;
      } else if (tag == DT_BIND_NOW) {
        bindNow = true;
      } else if (tag == DT_TEXTREL) {
        textrel = true;
      }
    }
    if (strtab < 0) {
      if (!neededOffs.isEmpty() || sonameOff >= 0) {
        elf.problems.add("dynamic section has no usable DT_STRTAB: library names unknown");
      }
      return;
    }
    for (long n : neededOffs) {
      needed.add(string(v, n));
    }
    for (long n : rpathOffs) {
      rpath.add(string(v, n));
    }
    for (long n : runpathOffs) {
      runpath.add(string(v, n));
    }
    if (sonameOff >= 0) {
      soname = string(v, sonameOff);
    }
  }

  /** A string from the dynamic string table; bounds-checked against DT_STRSZ and the file. */
  String string(ByteView v, long index) {
    if (strsz > 0 && Long.compareUnsigned(index, strsz) >= 0) {
      throw new MalformedBinaryException(v.what() + ": dynamic string index " + index + " beyond DT_STRSZ " + strsz
          + ": corrupt");
    }
    return v.cstring(strtab + index);
  }

  boolean fullBindNow() {
    return bindNow || (flags & DF_BIND_NOW) != 0 || (flags1 & DF_1_NOW) != 0;
  }

  boolean pieFlag() {
    return (flags1 & DF_1_PIE) != 0;
  }

  boolean anyTextrel() {
    return textrel || (flags & DF_TEXTREL) != 0;
  }
}
