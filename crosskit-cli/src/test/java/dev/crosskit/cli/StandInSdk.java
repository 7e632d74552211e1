package dev.crosskit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * A stand-in for Apple's macOS SDK, written by the tests themselves (no Apple file is in the
 * repository): SDKSettings.json, the headers the test programs include, and libSystem.tbd, a
 * TAPI v4 text stub exporting exactly the C library symbols those programs and clang's code use.
 * clang and ld64.lld treat it as they treat the real SDK: the version in SDKSettings.json becomes
 * the SDK version in LC_BUILD_VERSION, and programs link against /usr/lib/libSystem.B.dylib.
 */
final class StandInSdk {
  static final String VERSION = "14.0";
  /** What the test programs call, dyld's lazy binder, and the stack protector clang emits on Darwin. */
  static final List<String> SYMBOLS = List.of("_printf", "_puts", "_strlen", "_exit", "dyld_stub_binder",
      "___stack_chk_fail", "___stack_chk_guard");

  private StandInSdk() {}

  /** Writes {@code MacOSX14.0.sdk} under {@code parent} and returns it. */
  static Path write(Path parent) throws IOException {
    Path root = Files.createDirectories(parent.resolve("MacOSX" + VERSION + ".sdk"));
    Files.writeString(root.resolve("SDKSettings.json"), """
        {"CanonicalName": "macosx%1$s", "DisplayName": "macOS %1$s", "Version": "%1$s",
         "DefaultDeploymentTarget": "%1$s", "MaximumDeploymentTarget": "%1$s.99",
         "SupportedTargets": {"macosx": {"Archs": ["x86_64", "arm64"], "MinimumDeploymentTarget": "10.13",
           "DefaultDeploymentTarget": "%1$s", "LLVMTargetTripleVendor": "apple", "LLVMTargetTripleSys": "macos"}}}
        """.formatted(VERSION));
    Path include = Files.createDirectories(root.resolve("usr/include"));
    Files.writeString(include.resolve("stdio.h"), """
        #ifndef _STDIO_H_
        #define _STDIO_H_
        int printf(const char *restrict, ...);
        int puts(const char *);
        #endif
        """);
    Files.writeString(include.resolve("string.h"), """
        #ifndef _STRING_H_
        #define _STRING_H_
        typedef __SIZE_TYPE__ size_t;
        size_t strlen(const char *);
        #endif
        """);
    Files.writeString(include.resolve("stdlib.h"), """
        #ifndef _STDLIB_H_
        #define _STDLIB_H_
        void exit(int) __attribute__((noreturn));
        #endif
        """);
    Path lib = Files.createDirectories(root.resolve("usr/lib"));
    Files.writeString(lib.resolve("libSystem.tbd"), """
        --- !tapi-tbd
        tbd-version:     4
        targets:         [ x86_64-macos, arm64-macos ]
        install-name:    '/usr/lib/libSystem.B.dylib'
        current-version: 1345.100.2
        exports:
          - targets:         [ x86_64-macos, arm64-macos ]
            symbols:         [ %s ]
        ...
        """.formatted(String.join(", ", SYMBOLS)));
    Files.createSymbolicLink(lib.resolve("libc.tbd"), Path.of("libSystem.tbd")); // as in Apple's SDKs
    return root;
  }

  /** A .tar.xz of the SDK directory, entries under {@code MacOSX14.0.sdk/}, as osxcross's packaging scripts write. */
  static Path tarball(Path sdk, Path archive) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(file))) {
      List<Path> all;
      try (Stream<Path> s = Files.walk(sdk)) {
        all = s.sorted().toList();
      }
      for (Path p : all) {
        String name = sdk.getParent().relativize(p).toString();
        TarArchiveEntry e;
        if (Files.isSymbolicLink(p)) {
          e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          e.setLinkName(Files.readSymbolicLink(p).toString());
          tar.putArchiveEntry(e);
        } else if (Files.isDirectory(p)) {
          tar.putArchiveEntry(new TarArchiveEntry(name + "/"));
        } else {
          e = new TarArchiveEntry(name);
          e.setSize(Files.size(p));
          tar.putArchiveEntry(e);
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }
}
