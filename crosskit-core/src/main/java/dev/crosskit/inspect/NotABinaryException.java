package dev.crosskit.inspect;

import dev.crosskit.base.BadInputException;

/**
 * A file that is not an ELF, PE or Mach-O binary (a script, a text file, a Java class file).
 * Directory walks skip these quietly; a file named explicitly is reported. Exit code 2.
 */
public class NotABinaryException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public NotABinaryException(String message) {
    super(message);
  }
}
