package dev.crosskit.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * The structural layer of an ELF file: header fields, program headers and section headers,
 * all validated against the file size. Segments come first because section headers may be
 * stripped; sections are used when present for what segments do not describe.
 */
final class ElfImage {
  static final int PT_LOAD = 1;
  static final int PT_DYNAMIC = 2;
  static final int PT_INTERP = 3;
  static final int PT_NOTE = 4;
  static final long PT_GNU_STACK = 0x6474e551L;
  static final long PT_GNU_RELRO = 0x6474e552L;
  static final long PT_GNU_PROPERTY = 0x6474e553L;
  static final long PT_RISCV_ATTRIBUTES = 0x70000003L;
  static final int SHT_SYMTAB = 2;
  static final int SHT_NOTE = 7;
  static final int SHT_NOBITS = 8;
  static final int SHT_DYNSYM = 11;
  /** Caps that keep a corrupt count from turning into a long loop. */
  static final int MAX_HEADERS = 65535;

  record Segment(long type, long flags, long offset, long vaddr, long paddr, long filesz, long memsz, long align) {}

  record Section(String name, long type, long flags, long offset, long size, long link, long entsize) {}

  final ByteView v;
  final boolean is64;
  final int type;
  final int machine;
  final long flags;
  final long entry;
  final int osAbi;
  final List<Segment> segments = new ArrayList<>();
  final List<Section> sections = new ArrayList<>();
  final List<String> problems;

  ElfImage(ByteView raw, List<String> problems) {
    this.problems = problems;
    raw.check(0, 16, "ELF identification");
    int cls = raw.u8(4);
    int data = raw.u8(5);
    if (cls != 1 && cls != 2) {
      throw new MalformedBinaryException(raw.what() + ": ELF class byte is " + cls + " (expected 1 or 2): corrupt");
    }
    if (data != 1 && data != 2) {
      throw new MalformedBinaryException(raw.what() + ": ELF data byte is " + data + " (expected 1 or 2): corrupt");
    }
    is64 = cls == 2;
    v = raw.order(data == 2 ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
    osAbi = raw.u8(7);
    v.check(0, is64 ? 64 : 52, "ELF header");
    type = v.u16(16);
    machine = v.u16(18);
    flags = v.u32(is64 ? 48 : 36);
    entry = v.word(24, is64);
    readSegments();
    readSections();
  }

  private void readSegments() {
    long phoff = v.word(is64 ? 32 : 28, is64);
    int phentsize = v.u16(is64 ? 54 : 42);
    int phnum = v.u16(is64 ? 56 : 44);
    if (phnum == 0) {
      return;
    }
    int min = is64 ? 56 : 32;
    if (phentsize < min) {
      throw new MalformedBinaryException(v.what() + ": program header size " + phentsize + " is below " + min + ": corrupt");
    }
    v.check(phoff, (long) phnum * phentsize, "program header table");
    for (int i = 0; i < phnum; i++) {
      long o = phoff + (long) i * phentsize;
      Segment s = is64
          ? new Segment(v.u32(o), v.u32(o + 4), v.u64(o + 8), v.u64(o + 16), v.u64(o + 24), v.u64(o + 32), v.u64(o + 40),
              v.u64(o + 48))
          : new Segment(v.u32(o), v.u32(o + 24), v.u32(o + 4), v.u32(o + 8), v.u32(o + 12), v.u32(o + 16), v.u32(o + 20),
              v.u32(o + 28));
      if (s.filesz() > 0 && !v.contains(s.offset(), s.filesz())) {
        throw new MalformedBinaryException(v.what() + ": segment " + i + " (type 0x" + Long.toHexString(s.type())
            + ") ends at " + (s.offset() + s.filesz()) + " but the file has " + v.size() + " bytes: truncated or corrupt");
      }
      segments.add(s);
    }
  }

  private void readSections() {
    long shoff = v.word(is64 ? 40 : 32, is64);
    int shentsize = v.u16(is64 ? 58 : 46);
    int shnum = v.u16(is64 ? 60 : 48);
    int shstrndx = v.u16(is64 ? 62 : 50);
    if (shnum == 0 || shoff == 0) {
      return;
    }
    int min = is64 ? 64 : 40;
    if (shentsize < min) {
      throw new MalformedBinaryException(v.what() + ": section header size " + shentsize + " is below " + min + ": corrupt");
    }
    if (!v.contains(shoff, (long) shnum * shentsize)) {
      throw new MalformedBinaryException(v.what() + ": section header table (" + shnum + " entries at offset " + shoff
          + ") lies outside the file (" + v.size() + " bytes): truncated or corrupt");
    }
    long[][] raw = new long[shnum][];
    for (int i = 0; i < shnum; i++) {
      long o = shoff + (long) i * shentsize;
      raw[i] = is64
          ? new long[] {v.u32(o), v.u32(o + 4), v.u64(o + 8), v.u64(o + 24), v.u64(o + 32), v.u32(o + 40), v.u64(o + 56)}
          : new long[] {v.u32(o), v.u32(o + 4), v.u32(o + 8), v.u32(o + 16), v.u32(o + 20), v.u32(o + 24), v.u32(o + 36)};
      if (raw[i][1] != SHT_NOBITS && raw[i][1] != 0 && raw[i][4] > 0 && !v.contains(raw[i][3], raw[i][4])) {
        throw new MalformedBinaryException(v.what() + ": section " + i + " ends at " + (raw[i][3] + raw[i][4])
            + " but the file has " + v.size() + " bytes: truncated or corrupt");
      }
    }
    long strOff = -1;
    long strSize = 0;
    if (shstrndx < shnum && raw[shstrndx][1] != SHT_NOBITS) {
      strOff = raw[shstrndx][3];
      strSize = raw[shstrndx][4];
    } else {
      problems.add("section name table index " + shstrndx + " is out of range: section names unknown");
    }
    for (long[] r : raw) {
      String name = "";
      if (strOff >= 0 && r[0] < strSize) {
        name = v.cstring(strOff + r[0]);
      }
      sections.add(new Section(name, r[1], r[2], r[3], r[4], r[5], r[6]));
    }
  }

  /** File offset of a virtual address, via the PT_LOAD segment that maps it; -1 when none does. */
  long offsetOf(long vaddr) {
    for (Segment s : segments) {
      if (s.type() == PT_LOAD && Long.compareUnsigned(vaddr, s.vaddr()) >= 0
          && Long.compareUnsigned(vaddr - s.vaddr(), s.filesz()) < 0) {
        return s.offset() + (vaddr - s.vaddr());
      }
    }
    return -1;
  }

  Section section(String name) {
    for (Section s : sections) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  Section sectionOfType(long sectionType) {
    for (Section s : sections) {
      if (s.type() == sectionType) {
        return s;
      }
    }
    return null;
  }

  Segment segment(long segmentType) {
    for (Segment s : segments) {
      if (s.type() == segmentType) {
        return s;
      }
    }
    return null;
  }

  boolean bigEndian() {
    return v.bigEndian();
  }
}
