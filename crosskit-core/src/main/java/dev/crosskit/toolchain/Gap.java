package dev.crosskit.toolchain;

import java.util.List;

/**
 * Something a target's toolchain lacks on this host, and how to get it.
 *
 * @param what the missing part, e.g. {@code C compiler aarch64-linux-gnu-gcc}
 * @param packages the Debian packages that provide it (empty when no package does)
 * @param fix the exact command (or action) that closes the gap
 */
public record Gap(String what, List<String> packages, String fix) {
  public Gap {
    packages = List.copyOf(packages);
  }

  /** A gap closed by installing Debian packages. */
  public static Gap packages(String what, List<String> packages) {
    return new Gap(what, packages, packages.isEmpty() ? "no Debian package provides it"
        : "apt-get install " + String.join(" ", packages));
  }

  @Override
  public String toString() {
    return what + " (fix: " + fix + ")";
  }
}
