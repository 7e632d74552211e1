package dev.crosskit.sysroot;

import dev.crosskit.base.UserException;

/** An archive entry that would land outside the directory it is extracted into; nothing of it is written. */
public final class UnsafeArchiveException extends UserException {
  private static final long serialVersionUID = 1L;

  public UnsafeArchiveException(String message) {
    super(message, 1);
  }
}
