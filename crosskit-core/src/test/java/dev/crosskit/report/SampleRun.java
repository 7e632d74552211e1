package dev.crosskit.report;

import dev.crosskit.result.Artifact;
import dev.crosskit.result.ArtifactFacts;
import dev.crosskit.result.JobSlotUse;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of five targets with every outcome — passed (native and musl), failed tests under QEMU
 * with verify warnings, a failed build, an interrupted test, a cached Windows target — and its
 * log files in an output directory, as the report pages' tests render it. Project-controlled
 * strings (test names, output, summaries, paths) carry markup that must come out as text.
 */
final class SampleRun {
  /** A test name, output and summary that would be markup if they were not escaped. */
  static final String HOSTILE_TEST = "parse <b>\"quoted\"</b> & <script>alert('name')</script>";
  static final String HOSTILE_OUTPUT = "</code></pre><img src=x onerror=alert(1)><script>alert('tail')</script>";
  static final String HOSTILE_SUMMARY = "\"><svg onload=alert(1)> 1 failed";

  static final String NATIVE = "x86_64-linux-gnu";
  static final String QEMU = "aarch64-linux-gnu";
  static final String BROKEN = "armv7-linux-gnueabihf";
  static final String STOPPED = "riscv64-linux-gnu";
  static final String WINDOWS = "x86_64-windows-gnu";
  static final String MUSL = "aarch64-linux-musl";

  private final Path out;
  private final List<String> logs = new ArrayList<>();

  private SampleRun(Path out) {
    this.out = out;
  }

  /** The report, with its logs written under {@code out}. */
  static MatrixReport in(Path out) throws IOException {
    return new SampleRun(out).report();
  }

  /** The logs the report names, relative to the output directory. */
  static List<String> logs(MatrixReport r) {
    return r.targets().stream().flatMap(t -> t.steps().stream()).map(StepResult::log).filter(l -> l != null).toList();
  }

  private MatrixReport report() throws IOException {
    List<TargetResult> targets = List.of(nativeTarget(), qemuTarget(), brokenBuild(), interrupted(), cachedWindows(),
        musl());
    return new MatrixReport(MatrixReport.SCHEMA_VERSION, "ckcalc", "test", "/src/ckcalc", out.toString(),
        "2026-11-21T23:40:00Z", 48.6, 2, targets, "0.1.0-SNAPSHOT", "Debian GNU/Linux 12 (bookworm), Linux 6.1.0, amd64,"
        + " 2 cores", 71.3);
  }

  private TargetResult nativeTarget() throws IOException {
    String t = NATIVE;
    return new TargetResult(t, "gcc /usr/bin/gcc", "native", false, List.of(
        step(t, Step.PROVISION, Status.PASSED, 0.0, 0.3, "gcc /usr/bin/gcc, runs via native", null, use(0.05, 0.02, 1)),
        step(t, Step.BUILD, Status.PASSED, 0.3, 8.7, "2 steps", "build.log", use(0.3, 1.6, 1), use(2.0, 7.0, 1)),
        step(t, Step.VERIFY, Status.PASSED, 9.0, 0.05, "x86_64 ELF 64-bit dynamic glibc", null),
        step(t, Step.CANARY, Status.PASSED, 9.05, 1.8, "15/15 checks natively", "canary.log", use(9.1, 0.8, 1),
            use(10.0, 0.8, 1)),
        step(t, Step.TEST, Status.PASSED, 10.85, 2.7, "12 passed, 0 failed, 0 skipped", "test.log", use(10.9, 2.6, 1))),
        tests(12, 0, 0), List.of(artifact(t, "ckcalc", "x86_64", "glibc", "dynamic", "2.34", List.of())), 13.6, false,
        0.0, "gcc (Debian 12.2.0-14+deb12u1) 12.2.0");
  }

  private TargetResult qemuTarget() throws IOException {
    String t = QEMU;
    List<TestCase> tests = new ArrayList<>(tests(9, 0, 1));
    tests.add(new TestCase(HOSTILE_TEST, TestCase.FAILED, 0.31, "Failed"));
    tests.add(new TestCase("crc32_large_input", TestCase.FAILED, 1.2, "exit 134 (SIGABRT)"));
    return new TargetResult(t, "gcc-cross aarch64-linux-gnu-gcc", "qemu-user", true, List.of(
        step(t, Step.PROVISION, Status.PASSED, 0.0, 0.5, "gcc-cross aarch64-linux-gnu-gcc, runs via qemu-user", null),
        // waits for a job slot (the other targets hold both), then configures and builds
        step(t, Step.BUILD, Status.PASSED, 0.5, 11.9, "2 steps", "build.log", use(3.0, 1.4, 2), use(4.5, 7.8, 2)),
        step(t, Step.VERIFY, Status.PASSED, 12.4, 0.1, "aarch64 ELF 64-bit dynamic glibc", null),
        step(t, Step.CANARY, Status.PASSED, 12.5, 6.1, "15/15 checks under qemu-user", "canary.log",
            use(12.5, 1.9, 2), use(14.5, 4.0, 2)),
        withTail(step(t, Step.TEST, Status.FAILED, 18.6, 17.0, HOSTILE_SUMMARY, "test.log", use(18.7, 16.8, 2)),
            "1/12 Test #11: " + HOSTILE_TEST + " ... ***Failed\n" + HOSTILE_OUTPUT
                + "\n2/12 Test #12: crc32_large_input ... Subprocess aborted\n83% tests passed, 2 tests failed")),
        tests, List.of(artifact(t, "ckcalc", "aarch64", "glibc", "dynamic", "2.38",
            List.of("WARN max-glibc: needs GLIBC_2.38 (newer than bookworm's 2.36): __isoc23_strtol",
                "WARN host-paths: .rodata names /home/<user>/ckcalc"))), 35.6, false, 0.0,
        "aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0");
  }

  private TargetResult brokenBuild() throws IOException {
    String t = BROKEN;
    return new TargetResult(t, "gcc-cross arm-linux-gnueabihf-gcc", "qemu-user", true, List.of(
        step(t, Step.PROVISION, Status.PASSED, 0.0, 0.6, "gcc-cross arm-linux-gnueabihf-gcc, runs via qemu-user", null),
        withTail(step(t, Step.BUILD, Status.FAILED, 0.6, 15.1, "build failed (exit 2)", "build.log", use(13.6, 1.1, 1),
            use(14.8, 0.8, 1)),
            "src/calc.c:41:5: error: 'uint128_t' undeclared (first use in this function)\n"
                + "make[2]: *** [CMakeFiles/ckcalc.dir/build.make:76: calc.o] Error 1"),
        StepResult.skipped(Step.VERIFY, "build failed").at(15.7, List.of()),
        step(t, Step.CANARY, Status.PASSED, 15.7, 3.95, "15/15 checks under qemu-user", "canary.log", use(15.7, 1.8, 1),
            use(17.6, 2.0, 1)),
        StepResult.skipped(Step.TEST, "build failed").at(19.65, List.of())),
        List.of(), List.of(), 19.7, false, 0.0, "arm-linux-gnueabihf-gcc (Debian 12.2.0-14) 12.2.0");
  }

  private TargetResult interrupted() throws IOException {
    String t = STOPPED;
    return new TargetResult(t, "gcc-cross riscv64-linux-gnu-gcc", "qemu-user", true, List.of(
        step(t, Step.PROVISION, Status.PASSED, 0.0, 0.5, "gcc-cross riscv64-linux-gnu-gcc, runs via qemu-user", null),
        step(t, Step.BUILD, Status.PASSED, 0.5, 30.6, "2 steps", "build.log", use(19.7, 11.3, 1)),
        step(t, Step.VERIFY, Status.PASSED, 31.1, 0.1, "riscv64 ELF 64-bit dynamic glibc double-float", null),
        step(t, Step.CANARY, Status.PASSED, 31.2, 5.7, "15/15 checks under qemu-user", "canary.log", use(31.2, 1.2, 1),
            use(32.5, 4.3, 1)),
        StepResult.interrupted(Step.TEST, 11.6).at(36.9, List.of(new JobSlotUse(List.of(1), 37.0, 11.5)))),
        List.of(), List.of(artifact(t, "ckcalc", "riscv64", "glibc", "dynamic", "2.34", List.of())), 48.5, false, 0.0,
        "riscv64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0");
  }

  private TargetResult cachedWindows() throws IOException {
    String t = WINDOWS;
    List<StepResult> steps = List.of(
        step(t, Step.PROVISION, Status.PASSED, 0.0, 0.3, "mingw x86_64-w64-mingw32-gcc, runs via wine", null),
        step(t, Step.BUILD, Status.PASSED, 0.3, 14.2, "2 steps", "build.log"),
        step(t, Step.VERIFY, Status.PASSED, 14.5, 0.1, "x86_64 PE 64-bit dynamic mingw", null),
        step(t, Step.CANARY, Status.PASSED, 14.6, 8.0, "15/15 checks under wine", "canary.log"),
        step(t, Step.TEST, Status.PASSED, 22.6, 6.1, "12 passed, 0 failed, 0 skipped", "test.log"))
        .stream().map(StepResult::asCached).toList();
    Map<String, String> pe = new LinkedHashMap<>();
    pe.put("aslr", "yes");
    pe.put("highEntropyVa", "yes");
    pe.put("nx", "yes");
    pe.put("cfg", "no");
    Artifact exe = new Artifact(t + "/artifacts/ckcalc.exe", 301_422, "9f2c1e", t, "x86_64 PE 64-bit dynamic mingw",
        true, List.of(), new ArtifactFacts("x86_64", "windows", "mingw", "dynamic", null, pe));
    return new TargetResult(t, "mingw x86_64-w64-mingw32-gcc", "wine", true, steps, tests(12, 0, 0), List.of(exe), 0.6,
        true, 0.1, "x86_64-w64-mingw32-gcc (GCC) 12-win32");
  }

  private TargetResult musl() throws IOException {
    String t = MUSL;
    Map<String, String> hardening = new LinkedHashMap<>();
    hardening.put("pie", "no");
    hardening.put("nx", "yes");
    hardening.put("relro", "partial");
    hardening.put("canary", "unknown");
    hardening.put("fortify", "no");
    Artifact a = new Artifact(t + "/artifacts/ckcalc", 141_872, "77aa01", t, "aarch64 ELF 64-bit static musl", true,
        List.of(), new ArtifactFacts("aarch64", "linux", "musl", "static", null, hardening));
    touch(t + "/artifacts/ckcalc");
    return new TargetResult(t, "musl-gcc aarch64-linux-musl-gcc", "qemu-user", true, List.of(
        step(t, Step.PROVISION, Status.PASSED, 0.0, 3.0, "musl-gcc aarch64-linux-musl-gcc, runs via qemu-user", null,
            use(0.1, 2.8, 2)),
        step(t, Step.BUILD, Status.PASSED, 3.0, 39.95, "2 steps", "build.log", use(35.6, 1.2, 2), use(36.9, 6.0, 2)),
        step(t, Step.VERIFY, Status.PASSED, 42.95, 0.05, "aarch64 ELF 64-bit static musl", null),
        step(t, Step.CANARY, Status.PASSED, 43.0, 2.85, "15/15 checks under qemu-user", "canary.log", use(43.0, 1.5, 2),
            use(44.6, 1.2, 2)),
        step(t, Step.TEST, Status.PASSED, 45.85, 2.55, "11 passed, 0 failed, 1 skipped", "test.log", use(45.9, 2.4, 2))),
        tests(11, 0, 1), List.of(a), 48.4, false, 0.0, "aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0");
  }

  private StepResult step(String target, Step step, Status status, double start, double seconds, String summary,
      String log, JobSlotUse... uses) throws IOException {
    String rel = log == null ? null : target + "/logs/" + log;
    if (rel != null) {
      touch(rel);
    }
    return new StepResult(step, status, seconds, summary, rel, null).at(start, List.of(uses));
  }

  private static StepResult withTail(StepResult s, String tail) {
    return new StepResult(s.step(), s.status(), s.seconds(), s.summary(), s.log(), tail, s.start(), s.jobSlots());
  }

  private void touch(String rel) throws IOException {
    Path p = out.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "$ the log of " + rel + "\n");
    logs.add(rel);
  }

  private static JobSlotUse use(double start, double seconds, Integer... slots) {
    return new JobSlotUse(List.of(slots), start, seconds);
  }

  private static List<TestCase> tests(int passed, int failed, int skipped) {
    List<TestCase> list = new ArrayList<>();
    for (int i = 0; i < passed; i++) {
      list.add(new TestCase("case_" + i, TestCase.PASSED, 0.05, ""));
    }
    for (int i = 0; i < failed; i++) {
      list.add(new TestCase("failing_" + i, TestCase.FAILED, 0.05, "Failed"));
    }
    for (int i = 0; i < skipped; i++) {
      list.add(new TestCase("skipped_" + i, TestCase.SKIPPED, 0, ""));
    }
    return list;
  }

  private Artifact artifact(String target, String name, String arch, String libc, String linkage, String glibc,
      List<String> findings) throws IOException {
    Map<String, String> hardening = new LinkedHashMap<>();
    hardening.put("pie", "yes");
    hardening.put("nx", "yes");
    hardening.put("relro", "full");
    hardening.put("canary", "yes");
    hardening.put("fortify", findings.isEmpty() ? "yes" : "no");
    String path = target + "/artifacts/" + name;
    touch(path);
    return new Artifact(path, 70_960, "3b1f0c9a7d2e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c", target,
        arch + " ELF 64-bit " + linkage + " " + libc, true, findings,
        new ArtifactFacts(arch, "linux", libc, linkage, glibc, hardening));
  }
}
