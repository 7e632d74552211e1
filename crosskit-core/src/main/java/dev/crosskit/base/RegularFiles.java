package dev.crosskit.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files the user names where crosskit reads a regular file (a binary, a policy, crosskit.toml, a
 * base layer). A FIFO would block the read forever and a device such as /dev/zero never ends, so
 * anything but a regular file (or a link to one) is refused before it is opened, and text is read
 * only up to a limit.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /** {@code file}, after checking it is a regular file; else a one-line {@link BadInputException} naming it. */
  public static Path require(Path file) {
    String problem = problem(file);
    if (problem != null) {
      throw new BadInputException(file + ": " + problem);
    }
    return file;
  }

  /**
   * Why {@code file} cannot be read as a regular file ({@code no such file}, {@code is a directory},
   * {@code not a regular file (a FIFO, device or socket)}), or null when it can.
   */
  public static String problem(Path file) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return "no such file";
    } catch (IOException e) {
      return "cannot read: " + e.getMessage();
    }
    if (a.isDirectory()) {
      return "is a directory";
    }
    return a.isRegularFile() ? null : "not a regular file (a FIFO, device or socket)";
  }

  /**
   * A regular file's UTF-8 text, refused when larger than {@code maxBytes} (checked before reading
   * and again while reading, so a file that grows meanwhile is bounded too).
   */
  public static String readText(Path file, long maxBytes) {
    require(file);
    try {
      if (Files.size(file) > maxBytes) {
        throw tooLarge(file, maxBytes);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      }
      if (bytes.length > maxBytes) {
        throw tooLarge(file, maxBytes);
      }
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static BadInputException tooLarge(Path file, long maxBytes) {
    return new BadInputException(file + ": larger than the " + (maxBytes >> 10) + " KiB crosskit reads from such a file");
  }
}
