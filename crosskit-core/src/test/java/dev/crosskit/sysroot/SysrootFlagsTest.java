package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SysrootFlagsTest {
  final Sysroot s = new Sysroot("aarch64-linux-gnu", "bullseye", "glibc", "arm64", "aarch64-linux-gnu", "/c/s",
      List.of("zlib1g-dev"), List.of(), "2.31", null, "debian", "now");
  final GccProbe gcc = new GccProbe("aarch64-linux-gnu-gcc", "/usr/lib/gcc-cross/aarch64-linux-gnu/12/include",
      List.of("/usr/aarch64-linux-gnu/include/c++/12", "/usr/aarch64-linux-gnu/include/c++/12/aarch64-linux-gnu"));

  @Test
  void gccFlagsPutTheSysrootBeforeTheCrossToolchainsOwnLibc() {
    SysrootFlags.GccFlags f = SysrootFlags.forGcc(s, gcc);
    assertThat(f.cflags()).containsExactly("--sysroot=/c/s", "-nostdinc", "-isystem",
        "/usr/lib/gcc-cross/aarch64-linux-gnu/12/include", "-isystem", "/c/s/usr/include/aarch64-linux-gnu",
        "-isystem", "/c/s/usr/include");
    assertThat(f.cxxflags()).containsSubsequence("-isystem", "/usr/aarch64-linux-gnu/include/c++/12", "-isystem",
        "/usr/lib/gcc-cross/aarch64-linux-gnu/12/include", "-isystem", "/c/s/usr/include");
    assertThat(f.ldflags()).containsExactly("--sysroot=/c/s", "-B/c/s/usr/lib/aarch64-linux-gnu/",
        "-L/c/s/lib/aarch64-linux-gnu", "-L/c/s/usr/lib/aarch64-linux-gnu");
  }

  @Test
  void pkgConfigSeesOnlyTheSysroot() {
    assertThat(SysrootFlags.pkgConfigEnv(s)).containsEntry("PKG_CONFIG_SYSROOT_DIR", "/c/s")
        .containsEntry("PKG_CONFIG_LIBDIR", "/c/s/usr/lib/aarch64-linux-gnu/pkgconfig:/c/s/usr/share/pkgconfig:/c/s/usr/lib/pkgconfig")
        .containsEntry("PKG_CONFIG_ALLOW_CROSS", "1");
    assertThat(SysrootFlags.cmake(s)).containsEntry("CMAKE_SYSROOT", "/c/s").containsEntry("CMAKE_FIND_ROOT_PATH", "/c/s");
    assertThat(SysrootFlags.mesonProperties(s)).containsEntry("sys_root", "/c/s");
    assertThat(SysrootFlags.qemuOptions(s)).containsExactly("-L", "/c/s", "-E",
        "LD_LIBRARY_PATH=/c/s/lib/aarch64-linux-gnu:/c/s/usr/lib/aarch64-linux-gnu");
  }

  @Test
  void cxxSearchListIsParsed() {
    String v = """
        ignoring nonexistent directory "/x"
        #include "..." search starts here:
        #include <...> search starts here:
         /usr/lib/gcc-cross/aarch64-linux-gnu/12/../../../../aarch64-linux-gnu/include/c++/12
         /usr/lib/gcc-cross/aarch64-linux-gnu/12/include
        End of search list.
        """;
    assertThat(GccProbe.cxxDirs(v)).containsExactly("/usr/aarch64-linux-gnu/include/c++/12");
  }
}
