package dev.crosskit.inspect;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real binaries for the inspect tests, compiled at test time with the Debian cross compilers,
 * mingw-w64 and clang + ld64.lld + llvm-lipo. Built once per JVM (the tests share them).
 * A missing tool fails the test with the Debian package to install.
 */
final class Fixtures {
  private static final ProcessRunner RUNNER = new ProcessRunner();
  private static Fixtures built;

  final Path dir;
  final Map<String, Path> elf = new LinkedHashMap<>();
  final Map<String, Path> pe = new LinkedHashMap<>();
  final Map<String, Path> macho = new LinkedHashMap<>();

  private static final String HELLO = """
      #include <stdio.h>
      #include <string.h>
      #include <pthread.h>
      static void *run(void *a) { return a; }
      int main(int argc, char **argv) {
        char buf[16];
        pthread_t t;
        pthread_create(&t, 0, run, 0);
        pthread_join(t, 0);
        strcpy(buf, argc > 5 ? argv[1] : "x");
        printf("hello %s\\n", buf);
        return 0;
      }
      """;
  private static final String CXX = """
      #include <iostream>
      #include <string>
      #include <vector>
      int main() { std::vector<std::string> v{"a", "b"}; std::cout << v.size() << std::endl; return 0; }
      """;
  private static final String LIB = "int answer(void) { return 42; }\n";
  private static final String MAIN = "int answer(void);\nint main(void) { return answer(); }\n";
  private static final String WIN = """
      #include <stdio.h>
      int main(void) { printf("hi\\n"); return 0; }
      """;
  /** ld64.lld wants dyld_stub_binder from libSystem; a stub dylib with that install name stands in for the SDK. */
  private static final String LIBSYSTEM = "void stub_binder(void) __asm__(\"dyld_stub_binder\");\nvoid stub_binder(void) {}\n";

  static synchronized Fixtures get() {
    if (built == null) {
      built = new Fixtures();
    }
    return built;
  }

  private Fixtures() {
    try {
      dir = Files.createTempDirectory("crosskit-inspect-fixtures");
      dir.toFile().deleteOnExit();
      write("hello.c", HELLO);
      write("hello.cc", CXX);
      write("lib.c", LIB);
      write("main.c", MAIN);
      write("win.c", WIN);
      write("sys.c", LIBSYSTEM);
      buildElf();
      buildPe();
      buildMachO();
    } catch (IOException e) {
      throw new AssertionError("cannot build fixtures: " + e, e);
    }
  }

  private void buildElf() {
    elf("x86-pie", "gcc", "-O2", "-D_FORTIFY_SOURCE=2", "-fstack-protector-strong", "hello.c");
    elf("x86-nopie", "gcc", "-O2", "-no-pie", "-fno-stack-protector", "hello.c");
    elf("x86-relro-full", "gcc", "-O2", "-Wl,-z,relro,-z,now", "-fcf-protection=full", "-Wl,-z,ibt,-z,shstk", "hello.c");
    elf("x86-static", "gcc", "-O2", "-static", "hello.c");
    elf("x86-static-pie", "gcc", "-O2", "-static-pie", "hello.c");
    elf("x86-v3", "gcc", "-O2", "-march=x86-64-v3", "-Wl,-z,x86-64-v3", "hello.c");
    elf("x86-execstack", "gcc", "-O2", "-z", "execstack", "hello.c");
    elf("x86-cxx", "g++", "-O2", "hello.cc");
    elf("x86-debug", "gcc", "-g", "-O0", "hello.c");
    elf("x86-native", "gcc", "-g", "-O2", "-march=native", "hello.c");
    elf("x86-switches", "gcc", "-O2", "-frecord-gcc-switches", "-march=x86-64-v2", "hello.c");
    elf("x86-musl-static", "musl-gcc", "-O2", "-static", "lib.c", "main.c");
    elf("x86-musl-dyn", "musl-gcc", "-O2", "hello.c");
    elf("x86-stripped", "gcc", "-O2", "-s", "hello.c");
    elf("a64-stripped", "aarch64-linux-gnu-gcc", "-O2", "-s", "hello.c");
    elf("libx.so", "gcc", "-shared", "-fPIC", "-Wl,-rpath,/home/someone/lib", "-Wl,--disable-new-dtags", "lib.c");
    elf("liby.so", "gcc", "-shared", "-fPIC", "-Wl,-rpath,$ORIGIN/../lib", "-Wl,-soname,liby.so.1", "lib.c", "-Wl,--no-as-needed", "-lm");
    elf("x86.o", "gcc", "-c", "-O2", "lib.c");
    elf("a64-pie", "aarch64-linux-gnu-gcc", "-O2", "-D_FORTIFY_SOURCE=2", "-fstack-protector-strong", "hello.c");
    elf("a64-static", "aarch64-linux-gnu-gcc", "-O2", "-static", "hello.c");
    elf("a64-cxx", "aarch64-linux-gnu-g++", "-O2", "hello.cc");
    elf("a64-bti", "aarch64-linux-gnu-gcc", "-O2", "-mbranch-protection=standard", "hello.c");
    elf("armhf", "arm-linux-gnueabihf-gcc", "-O2", "hello.c");
    elf("armv6-exe", "arm-linux-gnueabihf-gcc", "-O2", "-march=armv6+fp", "-marm", "hello.c");
    elf("armv6.o", "arm-linux-gnueabihf-gcc", "-O2", "-c", "-march=armv6+fp", "-marm", "lib.c");
    elf("armsoft.o", "arm-linux-gnueabihf-gcc", "-O2", "-c", "-mfloat-abi=soft", "lib.c");
    elf("armhf-static", "arm-linux-gnueabihf-gcc", "-O2", "-static", "hello.c");
    elf("rv64-pie", "riscv64-linux-gnu-gcc", "-O2", "hello.c");
    elf("rv64-static", "riscv64-linux-gnu-gcc", "-O2", "-static", "hello.c");
    elf("rv64-cxx", "riscv64-linux-gnu-g++", "-O2", "hello.cc");
  }

  private void buildPe() {
    pe("win.exe", "x86_64-w64-mingw32-gcc", "-O2", "win.c");
    pe("win-gui.exe", "x86_64-w64-mingw32-gcc", "-O2", "-mwindows", "win.c");
    pe("win-pthread.exe", "x86_64-w64-mingw32-gcc", "-O2", "hello.c", "-lpthread");
    pe("win-static.exe", "x86_64-w64-mingw32-gcc", "-O2", "-static", "hello.c", "-lpthread");
    pe("answer.dll", "x86_64-w64-mingw32-gcc", "-O2", "-shared", "lib.c");
    pe("win-cxx.exe", "x86_64-w64-mingw32-g++-posix", "-O2", "hello.cc");
  }

  private void buildMachO() {
    for (String a : List.of("arm64", "x86_64")) {
      // The minimum OS version rides on the triple (clang ignores -mmacosx-version-min next to it).
      String target = "--target=" + a + "-apple-macos" + (a.equals("x86_64") ? "10.15" : "12.3");
      run("clang-14", target, "-fuse-ld=lld", "-nostdlib", "-dynamiclib", "-install_name", "/usr/lib/libSystem.B.dylib",
          "-o", "libSystem-" + a + ".dylib", "sys.c");
      macho("libanswer-" + a + ".dylib", "clang-14", target, "-fuse-ld=lld", "-nostdlib", "-dynamiclib",
          "-install_name", "@rpath/libanswer.dylib", "lib.c");
      macho("mac-" + a, "clang-14", target, "-fuse-ld=lld", "-nostdlib", "-e", "_main",
          "-Wl,-rpath,@loader_path/../lib", "main.c", "libanswer-" + a + ".dylib", "libSystem-" + a + ".dylib");
    }
    run("llvm-lipo-14", "-create", "-output", "mac-fat", "mac-arm64", "mac-x86_64");
    macho.put("mac-fat", dir.resolve("mac-fat"));
  }

  private void elf(String name, String... cmd) {
    compile(elf, name, cmd);
  }

  private void pe(String name, String... cmd) {
    compile(pe, name, cmd);
  }

  private void macho(String name, String... cmd) {
    compile(macho, name, cmd);
  }

  private void compile(Map<String, Path> into, String name, String... cmd) {
    List<String> argv = new ArrayList<>(Arrays.asList(cmd));
    argv.add("-o");
    argv.add(name);
    run(argv.toArray(String[]::new));
    into.put(name, dir.resolve(name));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  /** Runs a tool in the fixture directory; fails with the package to install when it is missing. */
  String run(String... argv) {
    requireTool(argv[0]);
    Result r = RUNNER.capture(Command.of(argv).withCwd(dir).withTimeout(Duration.ofMinutes(2)));
    if (!r.ok()) {
      throw new AssertionError(String.join(" ", argv) + " failed (exit " + r.exitCode() + "):\n" + r.output() + r.error());
    }
    return r.output();
  }

  /** Runs an oracle tool with LC_ALL=C and returns its standard output. */
  static String oracle(String... argv) {
    requireTool(argv[0]);
    Result r = RUNNER.capture(Command.of(argv).withEnv("LC_ALL", "C").withTimeout(Duration.ofMinutes(1)));
    if (r.exitCode() != 0 && r.output().isEmpty()) {
      throw new AssertionError(String.join(" ", argv) + " failed (exit " + r.exitCode() + "): " + r.error());
    }
    return r.output();
  }

  static void requireTool(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return;
      }
    }
    throw new AssertionError("the inspect tests need '" + tool + "' on PATH; install the Debian package that "
        + "provides it (all are listed in bin/test-packages.txt; bin/test installs them)");
  }
}
