package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AptOutputTest {
  @Test
  void simulatedInstallGivesNameVersionAndArch() {
    String out = """
        NOTE: This is only a simulation!
        Inst gcc-10-base (10.2.1-6 Debian:11.11/oldoldstable [arm64])
        Inst libcrypt1 (1:4.4.18-4 Debian:11.11/oldoldstable [arm64]) []
        Inst libtirpc-common (1.3.1-1+deb11u1 Debian:11.11/oldoldstable, Debian-Security:11/oldoldstable-security [all])
        Inst libfoo [1.0-1] (1.1-1 Debian:12.15/oldstable [armhf])
        Conf libcrypt1 (1:4.4.18-4 Debian:11.11/oldoldstable [arm64])
        """;
    assertThat(AptOutput.simulatedInstalls(out)).containsExactly(
        new DebPackage("gcc-10-base", "10.2.1-6", "arm64"),
        new DebPackage("libcrypt1", "1:4.4.18-4", "arm64"),
        new DebPackage("libtirpc-common", "1.3.1-1+deb11u1", "all"),
        new DebPackage("libfoo", "1.1-1", "armhf"));
  }

  @Test
  void failedIndexesAreNamedWithTheirReason() {
    String out = """
        Get:1 http://deb.debian.org/debian bullseye InRelease [75.1 kB]
        Ign:3 http://deb.debian.org/debian bogus-updates InRelease
        Err:4 http://deb.debian.org/debian bogus-updates Release
          404  Not Found [IP: 203.0.113.80 80]
        Reading package lists...
        E: The repository 'http://deb.debian.org/debian bogus-updates Release' does not have a Release file.
        E: Failed to fetch http://deb.debian.org/debian-security/dists/bookworm-security/main/binary-armhf/Packages.xz  File has unexpected size (1 != 2). Mirror sync in progress?
        """;
    assertThat(AptOutput.failedIndexes(out)).containsExactly(
        "http://deb.debian.org/debian bogus-updates Release: 404  Not Found [IP: 203.0.113.80 80]",
        "http://deb.debian.org/debian-security/dists/bookworm-security/main/binary-armhf/Packages.xz: File has unexpected size (1 != 2). Mirror sync in progress?");
    assertThat(AptOutput.failedIndexes("Get:1 x\nReading package lists...\n")).isEmpty();
  }

  @Test
  void errorsAreJoined() {
    assertThat(AptOutput.errors("W: x\nE: Unable to locate package nosuch\nE: second\n"))
        .isEqualTo("Unable to locate package nosuch; second");
  }

  @Test
  void debFileNamesFollowApt() {
    DebPackage p = new DebPackage("zlib1g-dev", "1:1.2.13.dfsg-1", "arm64");
    assertThat(p.fileName()).isEqualTo("zlib1g-dev_1%3a1.2.13.dfsg-1_arm64.deb");
    assertThat(p.aptSpec()).isEqualTo("zlib1g-dev=1:1.2.13.dfsg-1");
    assertThat(p.upstreamVersion()).isEqualTo("1.2.13.dfsg");
    assertThat(new DebPackage("libc6", "2.31-13+deb11u11", "arm64").upstreamVersion()).isEqualTo("2.31");
    assertThat(SysrootStore.majorMinor("2.36")).isEqualTo("2.36");
  }

  @Test
  void printedUrisNameTheDebs() {
    String out = "'http://deb.debian.org/debian/pool/main/m/musl/musl-dev_1.2.3-1_arm64.deb' "
        + "musl-dev_1.2.3-1_arm64.deb 590000 SHA256:ab\n"
        + "'http://deb.debian.org/debian/pool/main/z/zlib/zlib1g_1%3a1.2.13.dfsg-1_arm64.deb' "
        + "zlib1g_1%3a1.2.13.dfsg-1_arm64.deb 90000 SHA256:cd\nnoise\n";
    assertThat(AptOutput.printedUris(out)).containsExactly(new DebPackage("musl-dev", "1.2.3-1", "arm64"),
        new DebPackage("zlib1g", "1:1.2.13.dfsg-1", "arm64"));
  }
}
