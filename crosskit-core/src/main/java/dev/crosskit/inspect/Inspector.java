package dev.crosskit.inspect;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.RegularFiles;
import dev.crosskit.base.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads ELF, PE and Mach-O files without running them.
 *
 * <p>Contract: {@link #inspect} returns facts for a binary, and otherwise throws a
 * {@link UserException}: {@link NotABinaryException} for a file that is no binary at all (so a
 * directory walk can skip it quietly), {@link MalformedBinaryException} for a truncated or
 * corrupt binary, plain {@code UserException} for a missing or unreadable file. No other
 * exception escapes; every read is bounds-checked against the file size and nothing larger
 * than the file is ever allocated (the file itself is memory-mapped, not copied).
 */
public final class Inspector {
  /** ByteBuffer indexes are ints: larger files cannot be mapped in one piece. */
  private static final long MAX_SIZE = Integer.MAX_VALUE;

  private Inspector() {}

  /** The format of a file from its first bytes ({@code elf}, {@code pe}, {@code macho}), or empty. */
  public static Optional<String> detect(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty(); // a FIFO would block the open, a device never end
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(8);
      while (head.hasRemaining() && ch.read(head) > 0) {
        // read until 8 bytes or end of file
      }
      head.flip();
      return Optional.ofNullable(format(head));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String format(ByteBuffer head) {
    if (head.remaining() >= 4 && head.getInt(0) == 0x7f454c46) {
      return "elf";
    }
    if (head.remaining() >= 2 && head.get(0) == 'M' && head.get(1) == 'Z') {
      return "pe";
    }
    if (head.remaining() >= 4) {
      long be = head.order(ByteOrder.BIG_ENDIAN).getInt(0) & 0xffffffffL;
      if (be == 0xfeedfacfL || be == 0xfeedfaceL || be == 0xcffaedfeL || be == 0xcefaedfeL) {
        return "macho";
      }
      if (MachOReader.isFatMagic(be) && head.remaining() >= 8) {
        long n = head.getInt(4) & 0xffffffffL;
        if (n > 0 && n <= MachOReader.MAX_FAT_ARCHES) {
          return "macho";
        }
      }
    }
    return null;
  }

  /** Inspects one file; see the class comment for what is thrown. */
  public static BinaryFacts inspect(Path file) {
    return inspect(file, true);
  }

  /**
   * Inspects one file. With {@code scanStrings} false, ELF string sections (.rodata, debug
   * strings) are not searched for build-host paths: every other fact is the same, and the file's
   * bulk is never read (only headers and tables), which is several times faster on large trees.
   */
  public static BinaryFacts inspect(Path file, boolean scanStrings) {
    String name = file.toString();
    String problem = RegularFiles.problem(file);
    if (problem != null) {
      throw new BadInputException(name + ": " + (problem.equals("is a directory")
          ? "is a directory (pass it to the command, which walks directories)" : problem));
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        throw new NotABinaryException(name + ": empty file, not a binary");
      }
      if (size > MAX_SIZE) {
        throw new BadInputException(name + ": " + size + " bytes is more than crosskit inspect reads (2 GiB)");
      }
      ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return inspect(name, buf, scanStrings);
    } catch (NoSuchFileException e) {
      throw new BadInputException(name + ": no such file");
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new BadInputException(name + ": is a directory (pass it to the command, which walks directories)");
      }
      throw new BadInputException(name + ": cannot read: " + e.getMessage());
    }
  }

  /** Inspects bytes already in memory; {@code name} is used in facts and messages. */
  public static BinaryFacts inspect(String name, ByteBuffer bytes) {
    return inspect(name, bytes, true);
  }

  /** Inspects bytes already in memory; see {@link #inspect(Path, boolean)} for {@code scanStrings}. */
  public static BinaryFacts inspect(String name, ByteBuffer bytes, boolean scanStrings) {
    String format = format(bytes.duplicate());
    if (format == null) {
      throw new NotABinaryException(name + ": not an ELF, PE or Mach-O binary");
    }
    ByteView v = new ByteView(bytes, name);
    BinaryFacts facts;
    try {
      facts = switch (format) {
        case "elf" -> ElfReader.read(name, v, scanStrings);
        case "pe" -> PeReader.read(name, v);
        default -> MachOReader.read(name, v);
      };
    } catch (UserException e) {
      throw e;
    } catch (RuntimeException e) {
      // The reader checks every offset; this is the safety net that keeps a corrupt file from
      // surfacing as a stack trace. The message names the file and the kind of damage.
      throw new MalformedBinaryException(name + ": corrupt " + format + " file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    return TargetMatcher.match(facts).map(t -> facts.withTarget(t.name())).orElse(facts);
  }
}
