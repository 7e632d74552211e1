package dev.crosskit.inspect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which part of an ELF file each byte belongs to: the ELF header, the program and section header
 * tables, and every section with file content. Lets a byte-level difference between two builds
 * be named by section (".rodata differs") instead of by offset.
 */
public final class ElfSectionTable {
  /** A named range of the file. */
  public record Range(String name, long offset, long size) {
    public boolean contains(long off) {
      return off >= offset && off - offset < size;
    }
  }

  private ElfSectionTable() {}

  /** The ranges of an ELF file, sorted by offset; empty when the bytes are not a readable ELF file. */
  public static Optional<List<Range>> read(ByteBuffer bytes, String what) {
    if (bytes.limit() < 4 || bytes.get(0) != 0x7f || bytes.get(1) != 'E' || bytes.get(2) != 'L' || bytes.get(3) != 'F') {
      return Optional.empty();
    }
    try {
      ElfImage elf = new ElfImage(new ByteView(bytes, what), new ArrayList<>());
      ByteView v = elf.v;
      List<Range> out = new ArrayList<>();
      out.add(new Range("ELF header", 0, elf.is64 ? 64 : 52));
      long phoff = v.word(elf.is64 ? 32 : 28, elf.is64);
      long phsize = (long) v.u16(elf.is64 ? 54 : 42) * v.u16(elf.is64 ? 56 : 44);
      if (phsize > 0) {
        out.add(new Range("program headers", phoff, phsize));
      }
      long shoff = v.word(elf.is64 ? 40 : 32, elf.is64);
      long shsize = (long) v.u16(elf.is64 ? 58 : 46) * v.u16(elf.is64 ? 60 : 48);
      if (shsize > 0 && shoff > 0) {
        out.add(new Range("section headers", shoff, shsize));
      }
      for (ElfImage.Section s : elf.sections) {
        if (s.type() != ElfImage.SHT_NOBITS && s.type() != 0 && s.size() > 0) {
          out.add(new Range(s.name().isEmpty() ? "(unnamed section)" : s.name(), s.offset(), s.size()));
        }
      }
      out.sort(java.util.Comparator.comparingLong(Range::offset));
      return Optional.of(out);
    } catch (MalformedBinaryException e) {
      return Optional.empty();
    }
  }

  /** The name of the range holding {@code offset}, or "between sections" (padding). */
  public static String nameAt(List<Range> ranges, long offset) {
    for (Range r : ranges) {
      if (r.contains(offset)) {
        return r.name();
      }
    }
    return "between sections";
  }
}
