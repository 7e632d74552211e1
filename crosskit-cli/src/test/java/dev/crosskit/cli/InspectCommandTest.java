package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crosskit inspect} end to end through {@link Main#run}, on binaries compiled for the test. */
@Tag("integration")
class InspectCommandTest {
  @TempDir static Path dir;
  static Path x86;
  static Path a64;
  static Path a64Static;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void compile() throws Exception {
    Files.writeString(dir.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n");
    x86 = cc("gcc", "x86");
    a64 = cc("aarch64-linux-gnu-gcc", "a64");
    a64Static = cc("aarch64-linux-gnu-gcc", "a64-static", "-static");
  }

  private static Path cc(String compiler, String out, String... extra) {
    String[] argv = new String[extra.length + 4];
    argv[0] = compiler;
    System.arraycopy(extra, 0, argv, 1, extra.length);
    argv[extra.length + 1] = "hello.c";
    argv[extra.length + 2] = "-o";
    argv[extra.length + 3] = out;
    Result r = new ProcessRunner().capture(Command.of(argv).withCwd(dir).withTimeout(Duration.ofMinutes(2)));
    assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.error()
        + " (install the compilers listed in bin/test-packages.txt)").isZero();
    return dir.resolve(out);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String[] args(Object... a) {
    return Arrays.stream(a).map(Object::toString).toArray(String[]::new);
  }

  @Test
  void passingBinaryExitsZeroWithACompactBlock() {
    Run r = run(args("inspect", "--expect", "linux/arm64", "--max-glibc", "2.36", a64));
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("aarch64-linux-gnu | ELF64 little-endian aarch64 pie, dynamic, glibc")
        .contains("interpreter: /lib/ld-linux-aarch64.so.1").contains("newest GLIBC_2.34: __libc_start_main")
        .contains("PASS expect: matches aarch64-linux-gnu").contains("PASS max-glibc");
  }

  @Test
  void failedCheckExitsOneAndSaysWhy() {
    Run r = run(args("inspect", "--expect", "aarch64-linux-gnu", "--max-glibc", "2.31", "--static", x86));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL expect: not aarch64-linux-gnu: architecture x86_64 (want aarch64)")
        .contains("FAIL max-glibc: needs GLIBC_2.34 (newer than 2.31): __libc_start_main")
        .contains("FAIL static: dynamically linked");
  }

  @Test
  void jsonHasStableKeys() throws Exception {
    Run r = run(args("inspect", "--json", "--static", a64Static, a64));
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode first = root.path("files").get(0);
    assertThat(first.path("status").asText()).isEqualTo("pass");
    assertThat(first.path("facts").path("format").asText()).isEqualTo("elf");
    assertThat(first.path("facts").path("linkage").asText()).isEqualTo("static");
    assertThat(first.path("facts").path("target").asText()).isEqualTo("aarch64-linux-gnu");
    assertThat(first.path("facts").path("elf").path("hardening").has("relro")).isTrue();
    JsonNode second = root.path("files").get(1);
    assertThat(second.path("facts").path("elf").path("needed").get(0).asText()).isEqualTo("libc.so.6");
    assertThat(second.path("findings").get(0).path("severity").asText()).isEqualTo("FAIL");
    assertThat(second.path("findings").get(0).path("check").asText()).isEqualTo("static");
    assertThat(root.path("summary").path("fail").asInt()).isEqualTo(1);
  }

  @Test
  void directoriesSkipNonBinariesQuietlyAndRecurseOnRequest() throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("sub"));
    Files.copy(x86, tree.resolve("app"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(a64, tree.resolve("sub/app-arm64"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(tree.resolve("README"), "not a binary");
    Files.writeString(tree.resolve("sub/run.sh"), "#!/bin/sh\n");
    Run flat = run(args("inspect", tree));
    assertThat(flat.code()).isZero();
    assertThat(flat.out()).contains("1 file(s)").doesNotContain("README");
    assertThat(flat.err()).isEmpty();
    Run deep = run(args("inspect", "-r", tree));
    assertThat(deep.out()).contains("2 file(s)").contains("app-arm64");
  }

  /**
   * Many files are inspected on several threads; the output must still list them in the input
   * order (files named first, then each directory's sorted contents), each entry exactly as a run
   * on that file alone reports it, and per-file errors in the same order.
   */
  @Test
  void manyFilesKeepTheInputOrderAndTheSingleFileFacts() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("many"));
    java.util.List<Path> binaries = java.util.List.of(x86, a64, a64Static);
    java.util.List<String> walked = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Path copy = tree.resolve(String.format("bin%02d", i));
      Files.copy(binaries.get(i % 3), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      walked.add(copy.toString());
    }
    Files.writeString(tree.resolve("notes.txt"), "skipped quietly in a directory");
    Path missing = dir.resolve("missing-1");
    Path text = dir.resolve("named.txt");
    Files.writeString(text, "an error when named");
    Run r = run(args("inspect", "--json", a64, missing, tree, x86, text, a64Static));
    assertThat(r.code()).isEqualTo(1);
    JsonNode files = new ObjectMapper().readTree(r.out()).path("files");
    java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of(
        a64.toString(), missing.toString(), x86.toString(), text.toString(), a64Static.toString()));
    expected.addAll(walked);
    java.util.List<String> paths = new java.util.ArrayList<>();
    files.forEach(f -> paths.add(f.path("path").asText()));
    assertThat(paths).containsExactlyElementsOf(expected);
    for (JsonNode f : files) {
      Run alone = run(args("inspect", "--json", f.path("path").asText()));
      assertThat(f).isEqualTo(new ObjectMapper().readTree(alone.out()).path("files").get(0));
    }
    assertThat(r.err().lines().toList()).hasSize(2)
        .satisfies(lines -> assertThat(lines.get(0)).contains("missing-1"))
        .satisfies(lines -> assertThat(lines.get(1)).contains("named.txt"));
  }

  @Test
  void badInputsExitTwoWithOneLine() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    Run r = run(args("inspect", text));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("crosskit: ").contains("not an ELF, PE or Mach-O").doesNotContain("\n\tat ");

    byte[] bytes = Files.readAllBytes(a64);
    Path cut = dir.resolve("cut");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
    Run truncated = run(args("inspect", cut));
    assertThat(truncated.code()).isEqualTo(2);
    assertThat(truncated.err()).contains("truncated").doesNotContain("Exception");

    Run mixed = run(args("inspect", cut, x86));
    assertThat(mixed.code()).as("a bad file among good ones fails the run").isEqualTo(1);

    assertThat(run(args("inspect", dir.resolve("missing"))).code()).isEqualTo(2);
    Run target = run(args("inspect", "--expect", "arm64-linux-gnuu", x86));
    assertThat(target.code()).isEqualTo(2);
    assertThat(run(args("inspect", "--max-glibc", "two", x86)).err()).contains("--max-glibc must be a version such as \"2.31\", got \"two\"");
    assertThat(run(args("inspect", "--max-macos", "eleven", x86)).err())
        .contains("--max-macos must be a version such as \"2.31\", got \"eleven\"");
    assertThat(run(args("inspect", "--macos-sdk", "14.x", x86)).err()).contains("--macos-sdk must be a version");
    assertThat(run(args("inspect", "--require-relro=most", x86)).code()).isEqualTo(2);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(run(args("inspect", empty)).err()).contains("no ELF, PE or Mach-O binaries found");
  }

  @Test
  void policyFileWithFlagsOverridingIt() throws Exception {
    Path policy = dir.resolve("policy.toml");
    Files.writeString(policy, "expect = \"aarch64-linux-gnu\"\nmax-glibc = \"2.31\"\nallow-lib = [\"libc.so.6\"]\n");
    Run fromFile = run(args("inspect", "--policy", policy, a64));
    assertThat(fromFile.code()).isEqualTo(1);
    assertThat(fromFile.out()).contains("PASS expect").contains("FAIL max-glibc").contains("PASS allow-lib");
    Run overridden = run(args("inspect", "--policy", policy, "--max-glibc", "2.34", a64));
    assertThat(overridden.code()).isZero();
    Path typo = dir.resolve("typo.toml");
    Files.writeString(typo, "maxglibc = \"2.31\"\n");
    Run bad = run(args("inspect", "--policy", typo, a64));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown policy key 'maxglibc'");
  }

  @Test
  void helpHasExamples() {
    Run r = run("inspect", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Examples:").contains("crosskit inspect --expect aarch64-linux-gnu");
  }
}
