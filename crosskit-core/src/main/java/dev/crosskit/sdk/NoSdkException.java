package dev.crosskit.sdk;

import dev.crosskit.base.FailedException;

/** A Darwin build without a macOS SDK: the message says the two ways to give crosskit one. */
public final class NoSdkException extends FailedException {
  private static final long serialVersionUID = 1L;

  public NoSdkException(String target) {
    super("no macOS SDK for " + target + " (Apple's licence keeps crosskit from downloading one): set SDKROOT to a"
        + " MacOSX<version>.sdk directory or run 'crosskit sdk add PATH|TARBALL' (see docs/macos.md)");
  }
}
