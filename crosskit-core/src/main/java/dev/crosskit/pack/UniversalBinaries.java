package dev.crosskit.pack;

import dev.crosskit.base.FailedException;
import dev.crosskit.base.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Finding;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.inspect.Policy;
import dev.crosskit.inspect.PolicyChecker;
import dev.crosskit.inspect.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Universal (fat) Mach-O files: the x86_64 and arm64 builds of each artifact merged with
 * {@code llvm-lipo -create}, then read back to check that both slices are there and that each
 * still passes the checks every Mach-O file gets (the arm64 slice's code signature).
 */
public final class UniversalBinaries {
  private static final Duration LIPO_TIMEOUT = Duration.ofMinutes(2);

  private final ProcessRunner processes;
  private final Optional<Path> lipo;

  /** @param lipo {@code llvm-lipo}, or empty when it is not installed (merging then says so) */
  public UniversalBinaries(ProcessRunner processes, Optional<Path> lipo) {
    this.processes = processes;
    this.lipo = lipo;
  }

  /** A merged file and what checking it found (warnings and failures only). */
  public record Merged(Path file, boolean passed, String identity, List<String> findings) {}

  /** Merges {@code x86_64} and {@code arm64} into {@code out} (which must not exist yet). */
  public Merged merge(Path x86_64, Path arm64, Path out) throws IOException {
    Path tool = lipo.orElseThrow(() -> new FailedException("llvm-lipo is not installed, so no universal binary:"
        + " apt-get install llvm"));
    Files.createDirectories(out.getParent());
    Result r = processes.capture(Command.of(tool.toString(), "-create", "-output", out.toString(), x86_64.toString(),
        arm64.toString()).withTimeout(LIPO_TIMEOUT));
    if (!r.ok()) {
      throw new FailedException("llvm-lipo could not merge " + x86_64.getFileName() + " (x86_64 and arm64): "
          + (r.timedOut() ? "timed out" : r.error().strip().lines().findFirst().orElse("exit " + r.exitCode())));
    }
    return check(out);
  }

  static Merged check(Path file) {
    BinaryFacts facts;
    try {
      facts = Inspector.inspect(file);
    } catch (UserException e) {
      return new Merged(file, false, "unreadable", List.of("FAIL format: " + e.getMessage()));
    }
    List<String> findings = new ArrayList<>();
    boolean passed = true;
    List<String> arches = facts.macho() == null ? List.of()
        : facts.macho().slices().stream().map(s -> s.arch()).toList();
    if (facts.macho() == null || !facts.macho().fat() || !arches.containsAll(List.of("x86_64", "arm64"))) {
      passed = false;
      findings.add("FAIL universal: holds " + arches + ", not both x86_64 and arm64");
    }
    for (Finding f : PolicyChecker.check(facts, Policy.none())) {
      passed &= f.severity() != Severity.FAIL;
      if (f.severity() != Severity.PASS) {
        findings.add(f.toString());
      }
    }
    return new Merged(file, passed, "universal Mach-O " + String.join("+", arches), findings);
  }
}
