package dev.crosskit.sysroot;

import java.util.List;

/**
 * A Debian release a sysroot can come from.
 *
 * @param name the codename, e.g. {@code bullseye}
 * @param version the release number, e.g. {@code 11}
 * @param glibc the glibc version the suite ships: the floor of programs linked against it
 * @param musl the musl version the suite ships
 * @param dists the archive distributions apt reads, the first required, the others optional
 */
public record DebianSuite(String name, String version, String glibc, String musl, List<String> dists) {
  public DebianSuite {
    dists = List.copyOf(dists);
  }
}
