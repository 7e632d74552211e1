package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C++ specs for musl (derived from the C specs), the recipe key's parts, and glibc sysroot C++ flags. */
class CxxFlagsTest {
  private static final TargetResolver T = TargetResolver.builtIn();

  private static Sysroot musl(String target, String root) {
    return new Sysroot(target, "bookworm", "musl", null, T.target(target).field("multiarch").orElseThrow(), root,
        List.of(), List.of("musl-source=1.2.3"), null, "1.2.3", "source", "2026-01-01T00:00:00Z");
  }

  private static Map<String, String> cxxSpecs(String target, String root, String cxx) throws Exception {
    String c = MuslSysroots.specs(musl(target, root), MuslRecipes.source(target).orElseThrow());
    MuslCxxRecipe.Entry e = MuslCxxRecipe.builtIn().entry(target).orElseThrow();
    List<String> before = e.unwinder() == null ? List.of() : List.of(cxx + "/lib/" + MuslCxxToolchain.ATOMIC_OPS);
    return CxxSpecs.parse(CxxSpecs.derive(c, cxx, "12", e.host(), before, e.libgccExtra()));
  }

  @Test
  void cxxSpecsPutLibstdcxxBeforeMuslAndLinkTheUnwinderWithEhFrameHdr() throws Exception {
    Map<String, String> s = cxxSpecs("aarch64-linux-musl", "/s", "/x");
    // C headers after every -isystem, so libstdc++'s (C++ compiles only) come first
    assertThat(s.get("cc1")).isEqualTo("%(cc1_cpu) -nostdinc -idirafter /s/usr/include/aarch64-linux-musl -idirafter include%s");
    assertThat(s.get("cpp_options")).startsWith("-nostdinc -idirafter /s/usr/include/aarch64-linux-musl -idirafter include%s ")
        .doesNotContain("-isystem");
    assertThat(s.get("cc1plus")).isEqualTo("%{!nostdinc++:-isystem /x/include/c++/12 -isystem "
        + "/x/include/c++/12/aarch64-linux-musl -isystem /x/include/c++/12/backward}");
    // the new libstdc++ before gcc's own directory (which holds Debian's glibc libstdc++.a)
    assertThat(s.get("link_libgcc")).isEqualTo("-L/x/lib -L/s/usr/lib/aarch64-linux-musl -L .%s");
    assertThat(s.get("libgcc")).isEqualTo("libgcc.a%s /x/lib/libgcc_eh.a");
    assertThat(s.get("link")).contains("-nostdlib --eh-frame-hdr ").startsWith("-dynamic-linker /lib/ld-musl-aarch64.so.1");
    assertThat(s.get("startfile")).contains("/s/usr/lib/aarch64-linux-musl/crti.o");
  }

  @Test
  void armv6TakesArmelsAtomicsAndRuntimeAndRiscv64ItsLibatomic() throws Exception {
    Map<String, String> v6 = cxxSpecs("armv6-linux-musleabihf", "/s", "/x");
    assertThat(v6.get("libgcc")).isEqualTo("/s/usr/lib/crosskit-gcc-runtime/libgcc-int.a /x/lib/libatomic-ops.a libgcc.a%s "
        + "/x/lib/libgcc_eh.a");
    assertThat(v6.get("startfile")).contains("/s/usr/lib/crosskit-gcc-runtime/crtbeginS.o");
    assertThat(v6.get("cc1plus")).contains("/x/include/c++/12/arm-linux-musleabihf");
    assertThat(cxxSpecs("riscv64-linux-musl", "/s", "/x").get("libgcc")).isEqualTo("libgcc.a%s /x/lib/libgcc_eh.a libatomic.a%s");
  }

  @Test
  void specsRoundTripThroughParseAndRender() throws Exception {
    String c = MuslSysroots.specs(musl("x86_64-linux-musl", "/s"), MuslRecipes.source("x86_64-linux-musl").orElseThrow());
    assertThat(CxxSpecs.render(CxxSpecs.parse(c))).isEqualTo(CxxSpecs.render(CxxSpecs.parse(CxxSpecs.render(CxxSpecs.parse(c)))));
    assertThat(CxxSpecs.parse(c)).containsKeys("cpp_options", "cc1", "link_libgcc", "libgcc", "startfile", "endfile", "link");
  }

  @Test
  void theRecipeKeyNamesWhatTheBuildDependsOn() {
    MuslCxxRecipe r = MuslCxxRecipe.builtIn();
    assertThat(r.targets()).containsExactly("x86_64-linux-musl", "aarch64-linux-musl", "armv7-linux-musleabihf",
        "armv6-linux-musleabihf", "riscv64-linux-musl");
    String v6 = r.describe("armv6-linux-musleabihf");
    assertThat(v6).contains("source {", "gcc-12", "--enable-clocale=generic", "--with-gxx-include-dir=/include/c++/12",
        "\"host\" : \"arm-linux-musleabihf\"", "libgcc-12-dev", "linux-atomic.o", "subdirs include libsupc++ src");
    assertThat(r.describe("x86_64-linux-musl")).doesNotContain("armel");
    // a changed recipe is another key
    MuslCxxRecipe changed = r.withConfigure(List.of("--disable-libstdcxx-verbose"));
    assertThat(changed.describe("x86_64-linux-musl")).isNotEqualTo(r.describe("x86_64-linux-musl"))
        .contains("--disable-libstdcxx-verbose");
    assertThat(r.describe("x86_64-linux-musl")).doesNotContain("--disable-libstdcxx-verbose");
    assertThat(r.entry("i686-linux-musl")).isEmpty();
    assertThat(r.entry("riscv64-linux-musl").orElseThrow().libgccExtra()).containsExactly("libatomic.a%s");
  }

  @Test
  void aGlibcFloorsCxxUsesItsSuitesLibstdcxxLinkedStatically(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("usr/lib/gcc/aarch64-linux-gnu/10"));
    Files.writeString(root.resolve("usr/lib/gcc/aarch64-linux-gnu/10/libstdc++.a"), "!<arch>\n");
    Files.writeString(root.resolve("usr/lib/gcc/aarch64-linux-gnu/10/libgcc.a"), "!<arch>\n");
    Sysroot s = new Sysroot("aarch64-linux-gnu", "bullseye", "glibc", "arm64", "aarch64-linux-gnu", root.toString(),
        List.of(), List.of(), "2.31", null, "debian", "2026-01-01T00:00:00Z");
    GccProbe gcc = new GccProbe("aarch64-linux-gnu-gcc", "/usr/lib/gcc-cross/aarch64-linux-gnu/12/include",
        List.of("/usr/aarch64-linux-gnu/include/c++/12"));
    assertThat(GlibcCxx.suiteLibrary("bullseye")).contains(new GlibcCxx.SuiteLibrary("libstdc++-10-dev", "10"));
    assertThat(GlibcCxx.suiteLibrary("bookworm")).isEmpty();

    SysrootFlags.GccFlags f = GlibcCxx.flags(s, gcc, SysrootFlags.forGcc(s, gcc));
    assertThat(f.cflags()).doesNotContain("-isystem").containsSequence("-idirafter", root + "/usr/include/aarch64-linux-gnu")
        .containsSequence("-specs", root.resolve(GlibcCxx.SPECS).toString()).contains("-nostdinc");
    assertThat(Files.readString(root.resolve(GlibcCxx.SPECS))).isEqualTo("*cc1plus:\n%{!nostdinc++:-isystem " + root
        + "/usr/include/c++/10 -isystem " + root + "/usr/include/aarch64-linux-gnu/c++/10 -isystem " + root
        + "/usr/include/c++/10/backward}\n\n");
    Path links = root.resolve(GlibcCxx.LINK_DIR);
    assertThat(f.ldflags()).containsSequence("-L" + links, "-static-libstdc++", "-pthread");
    // only libstdc++ is linked from the suite's gcc directory; libgcc stays the compiler's own
    assertThat(links.resolve("libstdc++.a")).isSymbolicLink();
    assertThat(Files.readSymbolicLink(links.resolve("libstdc++.a")).toString()).isEqualTo("../gcc/aarch64-linux-gnu/10/libstdc++.a");
    assertThat(links.resolve("libgcc.a")).doesNotExist();
    DebExtractor.verifySymlinks(root);
  }

  @Test
  void aDefaultSuiteSysrootGetsTheHostGxxHeadersBack(@TempDir Path root) {
    Sysroot s = new Sysroot("aarch64-linux-gnu", "bookworm", "glibc", "arm64", "aarch64-linux-gnu", root.toString(),
        List.of("zlib1g-dev"), List.of(), "2.36", null, "debian", "2026-01-01T00:00:00Z");
    GccProbe gcc = new GccProbe("aarch64-linux-gnu-gcc", "/inc", List.of("/usr/aarch64-linux-gnu/include/c++/12", "/b"));
    SysrootFlags.GccFlags f = GlibcCxx.flags(s, gcc, SysrootFlags.forGcc(s, gcc));
    assertThat(GlibcCxx.specs(List.of("/usr/aarch64-linux-gnu/include/c++/12", "/b")))
        .isEqualTo("*cc1plus:\n%{!nostdinc++:-isystem /usr/aarch64-linux-gnu/include/c++/12 -isystem /b}\n\n");
    assertThat(f.ldflags()).doesNotContain("-static-libstdc++");
    assertThat(root.resolve(GlibcCxx.LINK_DIR)).doesNotExist();
  }
}
