package dev.crosskit.sysroot;

/**
 * One binary package of the Debian archive, pinned to a version and architecture.
 *
 * @param name the package name, e.g. {@code libssl-dev}
 * @param version the full Debian version, epoch included, e.g. {@code 1:1.2.13.dfsg-1}
 * @param arch the Debian architecture it was built for ({@code arm64}, {@code all})
 */
public record DebPackage(String name, String version, String arch) {

  /** The file name apt gives the downloaded .deb (an epoch's colon is written {@code %3a}). */
  public String fileName() {
    return name + "_" + version.replace(":", "%3a") + "_" + arch + ".deb";
  }

  /** The {@code name=version} spelling apt-get accepts: the private apt knows one architecture only. */
  public String aptSpec() {
    return name + "=" + version;
  }

  /** The upstream part of the version, without epoch and Debian revision: {@code 2.31-13+deb11u11} gives {@code 2.31}. */
  public String upstreamVersion() {
    String v = version;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      v = v.substring(colon + 1);
    }
    int dash = v.lastIndexOf('-');
    return dash > 0 ? v.substring(0, dash) : v;
  }
}
