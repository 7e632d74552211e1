package dev.crosskit.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file helpers every package uses: tree deletion, atomic writes, staged directories. */
class FilesTest {
  @TempDir Path dir;

  @Test
  void treeDeletionRemovesLinksButNeverWhatTheyPointAt() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "x");
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(tree.resolve("file"), "y");
    Files.createSymbolicLink(tree.resolve("link-to-dir"), outside);
    Files.createSymbolicLink(dir.resolve("tree/link-to-file"), outside.resolve("keep"));
    Path topLink = Files.createSymbolicLink(dir.resolve("top-link"), outside);

    Deletion.tree(dir.resolve("tree"));
    Deletion.tree(topLink);
    Deletion.tree(dir.resolve("never-existed"));

    assertThat(dir.resolve("tree")).doesNotExist();
    assertThat(topLink).doesNotExist();
    assertThat(outside.resolve("keep")).hasContent("x");
  }

  @Test
  void atomicWriteLeavesNoTemporaryFileAndReadableContent() throws IOException {
    Path file = dir.resolve("a/b/report.json");
    AtomicFiles.write(file, "one");
    AtomicFiles.write(file, out -> out.write("two".getBytes()));
    assertThat(file).hasContent("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    try (Stream<Path> s = Files.list(file.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("report.json");
    }
  }

  @Test
  void stagedDirectoryAppearsWholeOrNotAtAll() throws IOException {
    Path target = dir.resolve("dist");
    try (StagedDirectory staged = new StagedDirectory(target)) {
      Files.writeString(staged.path().resolve("half"), "h");
      assertThat(target).doesNotExist(); // not committed yet
    }
    assertThat(names()).isEmpty(); // closed without commit: nothing left

    try (StagedDirectory staged = new StagedDirectory(target)) {
      Files.writeString(staged.path().resolve("v1"), "1");
      staged.commit();
    }
    try (StagedDirectory staged = new StagedDirectory(target)) {
      Files.writeString(staged.path().resolve("v2"), "2");
      staged.commit(); // replaces
    }
    assertThat(target.resolve("v2")).exists();
    assertThat(target.resolve("v1")).doesNotExist();

    try (StagedDirectory staged = new StagedDirectory(target)) {
      Files.writeString(staged.path().resolve("v3"), "3");
      assertThat(staged.commitUnlessPresent()).isFalse(); // someone else's copy stays
    }
    assertThat(target.resolve("v2")).exists();
    assertThat(names()).containsExactly("dist");
  }

  @Test
  void leftoversOfDeadWritersGoAndALiveOnesStay() throws IOException {
    Path target = dir.resolve("sysroot");
    // pid 4194305 is above Linux's PID_MAX_LIMIT (2^22): no such process can exist
    Path deadPartial = Files.createDirectories(dir.resolve(".sysroot.partial-4194305-1"));
    Path deadOld = Files.createDirectories(dir.resolve(".sysroot.old-4194305-2"));
    Path livePartial = Files.createDirectories(dir.resolve(".sysroot.partial-" + ProcessHandle.current().pid() + "-3"));
    Path otherTarget = Files.createDirectories(dir.resolve(".other.partial-4194305-1"));
    StagedDirectory.removeLeftovers(target);
    assertThat(deadPartial).doesNotExist();
    assertThat(deadOld).doesNotExist();
    assertThat(livePartial).exists();
    assertThat(otherTarget).exists();
  }

  private java.util.List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
  /**
   * What crosskit writes (report.json, junit.xml, state.json, OCI archives, staged directories)
   * gets the permissions of any file the user creates: the umask decides, in a JVM started under
   * umask 022, 027 and 077.
   */
  @Test
  void writtenFilesAndDirectoriesFollowTheUmask() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (String[] c : new String[][] {{"022", "rw-r--r--", "rwxr-xr-x"}, {"027", "rw-r-----", "rwxr-x---"},
        {"077", "rw-------", "rwx------"}}) {
      Path out = Files.createDirectories(dir.resolve("umask-" + c[0]));
      Process p = new ProcessBuilder("sh", "-c", "umask " + c[0] + " && exec \"$0\" -cp \"$1\" " + UmaskProbe.class.getName()
          + " \"$2\"", java, System.getProperty("java.class.path"), out.toString()).inheritIO().start();
      assertThat(p.waitFor()).isZero();
      for (String f : new String[] {"written.json", "copied.json", "staged/inside.txt"}) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f)))).as(c[0] + " " + f)
            .isEqualTo(c[1]);
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("staged")))).as(c[0])
          .isEqualTo(c[2]);
    }
  }
}
