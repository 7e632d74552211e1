package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianPatchesTest {
  private static final String PATCH = """
      From: Someone
      Subject: remove windows dependencies

      ---
       vendor/dlmalloc-0.2.7/Cargo.toml | 2 --
       library/std/Cargo.toml           | 1 +
      diff --git a/vendor/dlmalloc-0.2.7/Cargo.toml b/vendor/dlmalloc-0.2.7/Cargo.toml
      --- a/vendor/dlmalloc-0.2.7/Cargo.toml
      +++ b/vendor/dlmalloc-0.2.7/Cargo.toml
      @@ -1,3 +1,1 @@
       [package]
      -[target.'cfg(windows)'.dependencies]
      -windows-sys = "0.59"
      diff --git a/library/std/Cargo.toml b/library/std/Cargo.toml
      --- a/library/std/Cargo.toml
      +++ b/library/std/Cargo.toml
      @@ -1,1 +1,2 @@
       [package]
      +# patched
      """;

  @Test
  void sectionsAreSplitByFile() {
    String vendor = DebianPatches.sections(PATCH, p -> p.startsWith("vendor/"));
    assertThat(vendor).startsWith("diff --git a/vendor/dlmalloc-0.2.7/Cargo.toml").doesNotContain("library/std");
    assertThat(DebianPatches.sections(PATCH, p -> p.startsWith("library/"))).startsWith("diff --git a/library/std")
        .doesNotContain("dlmalloc").doesNotContain("Subject");
    assertThat(DebianPatches.crateOf("vendor/cc-1.2.0/src/lib.rs")).isEqualTo("cc-1.2.0");
    assertThat(DebianPatches.crateOf("library/std/src/lib.rs")).isNull();
  }

  /** A crate's hunks are applied to a copy; the check of library/ tells an applied patch from one that is not. */
  @Test
  void appliesVendorHunksAndChecksLibraryHunks(@TempDir Path root, @TempDir Path work) throws Exception {
    Files.createDirectories(root.resolve("debian/patches/prune"));
    Files.writeString(root.resolve("debian/patches/prune/windows.patch"), PATCH);
    Files.writeString(root.resolve("debian/patches/series"), "# comment\nprune/windows.patch\n");
    Files.createDirectories(root.resolve("vendor/dlmalloc-0.2.7"));
    Files.writeString(root.resolve("vendor/dlmalloc-0.2.7/Cargo.toml"),
        "[package]\n[target.'cfg(windows)'.dependencies]\nwindows-sys = \"0.59\"\n");
    Files.createDirectories(root.resolve("library/std"));
    Files.writeString(root.resolve("library/std/Cargo.toml"), "[package]\n");
    DebianPatches patches = new DebianPatches(root, new ProcessRunner());
    assertThat(patches.notAppliedToLibrary(work)).containsExactly("prune/windows.patch");
    Files.writeString(root.resolve("library/std/Cargo.toml"), "[package]\n# patched\n");
    assertThat(patches.notAppliedToLibrary(work)).isEmpty();
    assertThat(patches.applyToVendor(root, Set.of("dlmalloc-0.2.7"), work)).containsExactly("dlmalloc-0.2.7");
    assertThat(Files.readString(root.resolve("vendor/dlmalloc-0.2.7/Cargo.toml"))).isEqualTo("[package]\n");
    assertThat(patches.applyToVendor(root, Set.of("cc-1.2.0"), work)).isEmpty();
  }

  /** The installed rust-web-src carries Debian's patches to library/ (security fixes among them). */
  @Test
  void installedSourcesHaveDebiansLibraryPatches(@TempDir Path work) {
    RustStd std = new RustStd(work, work, new ProcessRunner());
    DebianPatches patches = new DebianPatches(std.srcDir().getParent(), new ProcessRunner());
    assertThat(patches.series()).as("rust-web-src ships debian/patches").isNotEmpty();
    assertThat(patches.notAppliedToLibrary(work)).isEmpty();
  }
}
