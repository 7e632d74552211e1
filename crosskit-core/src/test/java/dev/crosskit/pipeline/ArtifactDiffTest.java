package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ArtifactDiff on objects and static libraries made by the host's gcc and ar. */
@Tag("integration")
class ArtifactDiffTest {
  @TempDir Path dir;

  private static void ok(String... argv) {
    Result r = new ProcessRunner().capture(Command.of(argv));
    assertThat(r.ok()).as(String.join(" ", argv) + ": " + r.error() + " (needs gcc and binutils)").isTrue();
  }

  private Path object(String name, String value) throws IOException {
    Path src = dir.resolve("x.c");
    Files.writeString(src, "const char *stamp = STAMP;\nint f(void) { return 42; }\n");
    Path o = dir.resolve(name);
    ok("gcc", "-O2", "-c", "-DSTAMP=\"" + value + "\"", src.toString(), "-o", o.toString());
    return o;
  }

  @Test
  void identicalFilesHaveNoDifference() throws IOException {
    Path a = object("a.o", "same");
    Path b = object("b.o", "same");
    assertThat(ArtifactDiff.compare(a, b, List.of())).isEmpty();
  }

  @Test
  void namesTheSectionAndSeesATimeOfDay() throws IOException {
    Path a = object("a.o", "built 12:00:00");
    Path b = object("b.o", "built 12:00:01");
    assertThat(ArtifactDiff.compare(a, b, List.of())).get().asString()
        .contains("differs in .rodata", "likely timestamps");
  }

  @Test
  void seesAnEmbeddedBuildDirectory() throws IOException {
    Path a = object("a.o", "/work/one/build/x.c");
    Path b = object("b.o", "/work/two/build/x.c");
    assertThat(ArtifactDiff.compare(a, b, List.of(Path.of("/work/one/build"), Path.of("/work/two/build"))))
        .get().asString().contains(".rodata", "likely paths", "/work/one/build");
  }

  @Test
  void namesStaticLibraryMembersAndTheirHeaders() throws IOException {
    Path o = object("x.o", "same");
    Path libA = dir.resolve("liba.a");
    Path libB = dir.resolve("libb.a");
    Files.setLastModifiedTime(o, FileTime.fromMillis(1_000_000_000L));
    ok("ar", "rcU", libA.toString(), o.toString());
    Files.setLastModifiedTime(o, FileTime.fromMillis(2_000_000_000L));
    ok("ar", "rcU", libB.toString(), o.toString());
    // (with 'ar U' the symbol table carries the time of the ar run, so it may differ as well)
    assertThat(ArtifactDiff.compare(libA, libB, List.of())).get().asString()
        .startsWith("archive ").contains("member x.o header [mtime] (likely timestamps or owners: use 'ar D')")
        .doesNotContain("differs in");

    Path other = object("x.o", "built 12:00:01");
    Path libC = dir.resolve("libc.a");
    ok("ar", "rcD", libC.toString(), other.toString());
    Path same = object("x.o", "built 12:00:00");
    Path libD = dir.resolve("libd.a");
    ok("ar", "rcD", libD.toString(), same.toString());
    assertThat(ArtifactDiff.compare(libC, libD, List.of())).get().asString()
        .startsWith("archive member x.o differs in .rodata").contains("likely timestamps");
  }

  @Test
  void notElfSaysTheOffset() throws IOException {
    Path a = Files.writeString(dir.resolve("a.txt"), "hello world");
    Path b = Files.writeString(dir.resolve("b.txt"), "hello there");
    assertThat(ArtifactDiff.compare(a, b, List.of())).get().asString().contains("first difference at byte 6");
  }
}
