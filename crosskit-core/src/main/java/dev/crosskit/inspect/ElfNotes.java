package dev.crosskit.inspect;

import dev.crosskit.inspect.ElfFacts.GnuProperty;
import java.util.ArrayList;
import java.util.List;

/** GNU notes: build id (type 3), ABI tag with the minimum kernel (type 1), property note (type 5). */
final class ElfNotes {
  private static final int EM_X86_64 = 62;
  private static final int EM_386 = 3;
  private static final int EM_AARCH64 = 183;
  private static final long X86_ISA_1_NEEDED = 0xc0008002L;
  private static final long X86_FEATURE_1_AND = 0xc0000002L;
  private static final long AARCH64_FEATURE_1_AND = 0xc0000000L;
  private static final String[] ABI_OS = {"linux", "hurd", "solaris", "freebsd", "netbsd", "syllable", "nacl"};
  private static final int MAX_NOTES = 1000;

  String buildId;
  String abiTagOs;
  String minKernel;
  Integer isaLevel;
  List<String> isaNeeded;
  Boolean ibt;
  Boolean shstk;
  Boolean bti;
  Boolean pac;

  ElfNotes(ElfImage elf) {
    int notes = 0;
    boolean fromSegments = false;
    for (ElfImage.Segment s : elf.segments) {
      if (s.type() == ElfImage.PT_NOTE) {
        fromSegments = true;
        notes += parse(elf, s.offset(), s.filesz(), s.align() == 8 ? 8 : 4, notes);
      }
    }
    if (!fromSegments) {
      for (ElfImage.Section s : elf.sections) {
        if (s.type() == ElfImage.SHT_NOTE) {
          notes += parse(elf, s.offset(), s.size(), elf.is64 && s.name().equals(".note.gnu.property") ? 8 : 4, notes);
        }
      }
    }
  }

  GnuProperty property() {
    if (isaLevel == null && ibt == null && shstk == null && bti == null && pac == null) {
      return null;
    }
    return new GnuProperty(isaLevel, isaNeeded, ibt, shstk, bti, pac);
  }

  private int parse(ElfImage elf, long off, long size, int align, int seen) {
    ByteView v = elf.v;
    long end = off + size;
    int n = 0;
    while (off + 12 <= end && seen + n < MAX_NOTES) {
      long namesz = v.u32(off);
      long descsz = v.u32(off + 4);
      long type = v.u32(off + 8);
      long name = off + 12;
      // As in binutils: the descriptor starts at the header+name size rounded up to the note alignment.
      long desc = off + pad(12 + namesz, align);
      long next = desc + pad(descsz, align);
      if (namesz > size || descsz > size || next > end || next <= off) {
        elf.problems.add("malformed note at offset " + off);
        return n;
      }
      n++;
      if (namesz == 4 && v.startsWith(name, new byte[] {'G', 'N', 'U', 0})) {
        gnuNote(elf, type, desc, descsz);
      }
      off = next;
    }
    return n;
  }

  private static long pad(long len, int align) {
    return (len + align - 1) & -align;
  }

  private void gnuNote(ElfImage elf, long type, long desc, long descsz) {
    ByteView v = elf.v;
    if (type == 3 && descsz > 0 && descsz <= 64) {
      buildId = v.hex(desc, (int) descsz);
    } else if (type == 1 && descsz >= 16) {
      long os = v.u32(desc);
      abiTagOs = os < ABI_OS.length ? ABI_OS[(int) os] : "os-" + os;
      minKernel = v.u32(desc + 4) + "." + v.u32(desc + 8) + "." + v.u32(desc + 12);
    } else if (type == 5) {
      properties(elf, desc, descsz);
    }
  }

  private void properties(ElfImage elf, long off, long size) {
    ByteView v = elf.v;
    int align = elf.is64 ? 8 : 4;
    long end = off + size;
    while (off + 8 <= end) {
      long prType = v.u32(off);
      long datasz = v.u32(off + 4);
      if (datasz > size) {
        elf.problems.add("malformed GNU property at offset " + off);
        return;
      }
      long data = off + 8;
      if (datasz >= 4) {
        long bits = v.u32(data);
        boolean x86 = elf.machine == EM_X86_64 || elf.machine == EM_386;
        if (x86 && prType == X86_ISA_1_NEEDED) {
          isaNeeded = new ArrayList<>();
          int level = 0;
          String[] names = {"x86-64-baseline", "x86-64-v2", "x86-64-v3", "x86-64-v4"};
          for (int i = 0; i < 4; i++) {
            if ((bits & (1L << i)) != 0) {
              isaNeeded.add(names[i]);
              level = i + 1;
            }
          }
          isaLevel = level;
        } else if (x86 && prType == X86_FEATURE_1_AND) {
          ibt = (bits & 1) != 0;
          shstk = (bits & 2) != 0;
        } else if (elf.machine == EM_AARCH64 && prType == AARCH64_FEATURE_1_AND) {
          bti = (bits & 1) != 0;
          pac = (bits & 2) != 0;
        }
      }
      off = data + pad(datasz, align);
    }
  }
}
