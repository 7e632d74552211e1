package dev.crosskit.sysroot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * C++ against a Debian glibc sysroot ({@code glibc-cxx.json}). Builds pass one set of flags to
 * C and C++ compiles alike (CFLAGS = CXXFLAGS, CMake's and Meson's C and C++ flags), and
 * {@code -nostdinc} (which keeps the cross compiler's own newer glibc headers out) also drops
 * libstdc++'s headers. They come back through a specs file whose {@code *cc1plus} section only
 * the C++ compiler proper reads; the C header directories are given with {@code -idirafter}
 * (the same search order under {@code -nostdinc}), so libstdc++'s come first, as its
 * {@code <cstdlib>} and friends {@code #include_next} the C headers.
 *
 * <p>Suites older than the host's compilers use their own libstdc++: its package goes into the
 * sysroot, its headers into the specs, and C++ links take its static library from a directory
 * that holds only libstdc++ ({@code usr/lib/crosskit-cxx}), so libgcc stays the compiler's own.
 */
final class GlibcCxx {
  static final String SPECS = "crosskit-g++.specs";
  /** Inside the sysroot: links to the suite's libstdc++ archives and shared library, and nothing else. */
  static final String LINK_DIR = "usr/lib/crosskit-cxx";
  private static final List<String> LIBRARIES = List.of("libstdc++.a", "libstdc++.so", "libsupc++.a", "libstdc++fs.a");
  private static volatile JsonNode data;

  private GlibcCxx() {}

  /** A suite's own libstdc++. */
  record SuiteLibrary(String debianPackage, String gccVersion) {}

  /** The libstdc++ a sysroot of {@code suite} needs for C++, or empty when the host g++'s own serves. */
  static Optional<SuiteLibrary> suiteLibrary(String suite) {
    JsonNode s = data().path("suites").get(suite);
    return s == null ? Optional.empty() : Optional.of(new SuiteLibrary(s.get("package").asText(), s.get("gccVersion").asText()));
  }

  /** The C++ flags for a sysroot: the C flags with -idirafter, and the specs file, written into the sysroot. */
  static SysrootFlags.GccFlags flags(Sysroot s, GccProbe gcc, SysrootFlags.GccFlags c) {
    Optional<SuiteLibrary> lib = suiteLibrary(s.suite());
    List<String> dirs = lib.map(l -> suiteIncludeDirs(s, l)).orElse(gcc.cxxIncludeDirs());
    Path specs = writeSpecs(s, dirs);
    List<String> cflags = new ArrayList<>();
    for (String f : c.cflags()) {
      cflags.add(f.equals("-isystem") ? "-idirafter" : f);
    }
    cflags.addAll(List.of("-specs", specs.toString()));
    List<String> ldflags = new ArrayList<>(c.ldflags());
    if (lib.isPresent()) {
      ldflags.addAll(List.of("-L" + linkDir(s, lib.get()), "-static-libstdc++", "-pthread"));
    }
    return new SysrootFlags.GccFlags(List.copyOf(cflags), List.copyOf(cflags), List.copyOf(ldflags));
  }

  static List<String> suiteIncludeDirs(Sysroot s, SuiteLibrary lib) {
    String inc = s.root() + "/usr/include";
    String v = lib.gccVersion();
    return List.of(inc + "/c++/" + v, inc + "/" + s.multiarch() + "/c++/" + v, inc + "/c++/" + v + "/backward");
  }

  static String specs(List<String> dirs) {
    StringBuilder sb = new StringBuilder("*cc1plus:\n%{!nostdinc++:");
    for (int i = 0; i < dirs.size(); i++) {
      sb.append(i == 0 ? "" : " ").append("-isystem ").append(dirs.get(i));
    }
    return sb.append("}\n\n").toString();
  }

  /** The specs file in the sysroot (derived, like musl's: rewritten when it differs). */
  private static Path writeSpecs(Sysroot s, List<String> dirs) {
    Path file = s.rootPath().resolve(SPECS);
    String want = specs(dirs);
    try {
      if (!Files.isRegularFile(file) || !Files.readString(file).equals(want)) {
        AtomicFiles.write(file, want);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /**
   * The directory of relative links to the suite's libstdc++ files (made once, by a rename, so a
   * reader sees all of it or none). A plain {@code -L} to gcc's directory of the suite would also
   * bring that gcc's libgcc into every link, C ones included.
   */
  private static Path linkDir(Sysroot s, SuiteLibrary lib) {
    Path dir = s.rootPath().resolve(LINK_DIR);
    Path gccDir = s.rootPath().resolve("usr/lib/gcc").resolve(s.multiarch()).resolve(lib.gccVersion());
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      Path tmp = dir.resolveSibling(".crosskit-cxx-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      Files.createDirectories(tmp);
      try {
        for (String name : LIBRARIES) {
          if (Files.exists(gccDir.resolve(name))) {
            Files.createSymbolicLink(tmp.resolve(name), tmp.relativize(gccDir.resolve(name)));
          }
        }
        if (!Files.exists(tmp.resolve("libstdc++.a"))) {
          throw new dev.crosskit.base.FailedException("the " + s.suite() + " sysroot has no " + gccDir.resolve("libstdc++.a")
              + " (" + lib.debianPackage() + ")");
        }
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException madeMeanwhile) {
        // another build made it first
      } finally {
        Deletion.tree(tmp);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + dir, e);
    }
  }

  private static JsonNode data() {
    if (data == null) {
      try (InputStream in = GlibcCxx.class.getResourceAsStream("glibc-cxx.json")) {
        data = JsonTreeReader.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read glibc-cxx.json", e);
      }
    }
    return data;
  }
}
