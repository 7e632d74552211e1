package dev.crosskit.inspect;

import dev.crosskit.base.BadInputException;

/** A file that looks like a binary (right magic) but is truncated or corrupt. Exit code 2. */
public class MalformedBinaryException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public MalformedBinaryException(String message) {
    super(message);
  }
}
