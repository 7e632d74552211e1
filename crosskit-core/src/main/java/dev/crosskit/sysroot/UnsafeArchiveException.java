package dev.crosskit.sysroot;

import dev.crosskit.base.FailedException;

/** An archive entry that would land outside the directory it is extracted into; nothing of it is written. */
public final class UnsafeArchiveException extends FailedException {
  private static final long serialVersionUID = 1L;

  public UnsafeArchiveException(String message) {
    super(message);
  }
}
