package dev.crosskit.pipeline;

import dev.crosskit.base.UserException;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Finding;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.inspect.Policy;
import dev.crosskit.inspect.PolicyChecker;
import dev.crosskit.inspect.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A static library ({@code ar} archive of object files) checked by its members: every ELF object
 * in it must be built for the target (architecture, bitness, endianness, float ABI). Linkage,
 * glibc versions and the other policy checks belong to the programs it is linked into.
 */
final class StaticLibraryVerifier {
  /** Larger archives are not read whole (a static library of that size is not what this checks). */
  private static final int MAX_BYTES = 512 << 20;

  private StaticLibraryVerifier() {}

  /** The verdict on {@code file} when it is an ar archive, else empty. */
  static Optional<ArtifactVerifier.Verdict> verify(Path file, Policy policy) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES);
    } catch (IOException e) {
      return Optional.empty();
    }
    Optional<List<ArMembers.Member>> members = ArMembers.read(bytes);
    if (members.isEmpty()) {
      return Optional.empty();
    }
    Policy objectPolicy = new Policy(policy.expectTarget(), false, null, null, List.of(), null, false, null, false,
        false, false);
    Set<String> problems = new LinkedHashSet<>();
    Set<String> kinds = new LinkedHashSet<>();
    int objects = 0;
    Path dir = null;
    try {
      dir = Files.createTempDirectory("crosskit-ar");
      for (ArMembers.Member m : members.get()) {
        byte[] d = m.data();
        if (d.length < 4 || d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F') {
          continue;
        }
        objects++;
        Path o = dir.resolve("member.o");
        Files.write(o, d);
        BinaryFacts facts;
        try {
          facts = Inspector.inspect(o, false);
        } catch (UserException e) {
          problems.add("FAIL format: " + m.name() + ": " + e.getMessage());
          continue;
        }
        kinds.add((facts.variant() != null ? facts.variant() : facts.arch()) + " " + facts.bits() + "-bit");
        for (Finding f : PolicyChecker.check(facts, objectPolicy)) {
          if (f.severity() == Severity.FAIL) {
            problems.add(f + " (" + m.name() + ")");
          }
        }
      }
    } catch (IOException e) {
      return Optional.of(new ArtifactVerifier.Verdict(false, "unreadable", null, List.of("FAIL format: " + e.getMessage()), null));
    } finally {
      if (dir != null) {
        try {
          dev.crosskit.base.Deletion.treeUnchecked(dir);
        } catch (java.io.UncheckedIOException leftBehind) {
          // a temporary directory left behind is all
        }
      }
    }
    if (objects == 0) {
      return Optional.of(new ArtifactVerifier.Verdict(false, "static library", null,
          List.of("FAIL format: an ar archive without ELF objects"), null));
    }
    String identity = String.join(", ", kinds) + " static library (" + objects + " objects)";
    List<String> findings = new ArrayList<>(problems);
    return Optional.of(new ArtifactVerifier.Verdict(problems.isEmpty(), identity,
        problems.isEmpty() ? policy.expectTarget().name() : null, findings, null)); // no one binary's facts to show
  }
}
