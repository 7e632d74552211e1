package dev.crosskit.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.UserException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.ElfFacts;
import dev.crosskit.inspect.Finding;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.inspect.Policy;
import dev.crosskit.inspect.PolicyChecker;
import dev.crosskit.inspect.PolicyReader;
import dev.crosskit.inspect.PolicySettings;
import dev.crosskit.inspect.Severity;
import dev.crosskit.result.ArtifactFacts;
import dev.crosskit.sdk.MacosDeployment;
import dev.crosskit.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** The verify step: inspects each artifact and checks it against the target and the [verify] policy. */
final class ArtifactVerifier {
  private ArtifactVerifier() {}

  /** The policy for one target: the target itself is always expected; the rest comes from [verify]. */
  static Policy policy(Target target, JsonNode verify) {
    return policy(target, verify, null);
  }

  /**
   * The policy for a target's build settings: [verify], with the glibc floor as {@code max-glibc}
   * and the macOS deployment target ([target.X] macos, else the catalog's) as {@code max-macos}
   * unless [verify] says otherwise.
   */
  static Policy policy(Target target, TargetSettings settings) {
    return policy(target, settings.verify(), settings.glibc().orElse(null),
        MacosDeployment.of(target, settings.macos().orElse(null)).orElse(null));
  }

  /**
   * The policy for one target built against a glibc floor (null: none). Unless [verify] says
   * otherwise, a floor becomes {@code max-glibc} (so an artifact needing newer is named with its
   * symbols), and a musl artifact must be fully static: crosskit's musl toolchains link
   * {@code -static}, and a dynamic one would need a musl loader the target may not have.
   */
  static Policy policy(Target target, JsonNode verify, String glibcFloor) {
    return policy(target, verify, glibcFloor, null);
  }

  /** As above, with a macOS deployment target (null: none) as the default {@code max-macos}. */
  private static Policy policy(Target target, JsonNode verify, String glibcFloor, String macosFloor) {
    PolicySettings defaults = new PolicySettings(target, target.isMusl(), glibcFloor, null, null, null, null, null,
        null, null, null, macosFloor, null);
    return PolicyReader.forBuilds().read(verify).over(defaults).toPolicy();
  }

  record Verdict(boolean passed, String identity, String matchedTarget, List<String> findings, ArtifactFacts facts) {}

  static Verdict verify(java.nio.file.Path file, Policy policy) {
    if (policy.expectTarget() != null && file.getFileName().toString().endsWith(".a")) {
      Optional<Verdict> archive = StaticLibraryVerifier.verify(file, policy);
      if (archive.isPresent()) {
        return archive.get();
      }
    }
    BinaryFacts facts;
    try {
      facts = Inspector.inspect(file);
    } catch (UserException e) {
      return new Verdict(false, "unreadable", null, List.of("FAIL format: " + e.getMessage()), null);
    }
    List<String> notable = new ArrayList<>();
    boolean passed = true;
    for (Finding f : PolicyChecker.check(facts, policy)) {
      if (f.severity() == Severity.FAIL) {
        passed = false;
      }
      if (f.severity() != Severity.PASS) {
        notable.add(f.toString());
      }
    }
    return new Verdict(passed, identity(facts), facts.target(), notable, summary(facts));
  }

  /** The facts the report's matrix shows: arch, libc, linkage, the newest GLIBC needed, hardening. */
  static ArtifactFacts summary(BinaryFacts f) {
    String newestGlibc = f.elf() == null || f.elf().newestVersions() == null ? null : f.elf().newestVersions().stream()
        .filter(n -> n.family().equals("GLIBC")).map(ElfFacts.NewestVersion::version).findFirst().orElse(null);
    return new ArtifactFacts(f.variant() != null ? f.variant() : f.arch(), f.os(), f.libc(), f.linkage(), newestGlibc,
        hardening(f));
  }

  private static Map<String, String> hardening(BinaryFacts f) {
    Map<String, String> h = new LinkedHashMap<>();
    if (f.elf() != null && f.elf().hardening() != null) {
      ElfFacts.Hardening e = f.elf().hardening();
      h.put("pie", yes(e.pie()));
      h.put("nx", yes(e.nx()));
      h.put("relro", e.relro());
      h.put("canary", e.canary() == null ? "unknown" : yes(e.canary()));
      h.put("fortify", yes(e.fortify()));
    } else if (f.pe() != null) {
      h.put("aslr", yes(f.pe().aslr()));
      h.put("highEntropyVa", yes(f.pe().highEntropyVa()));
      h.put("nx", yes(f.pe().nx()));
      h.put("cfg", yes(f.pe().cfg()));
    }
    return h.isEmpty() ? null : h;
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  /** "aarch64 ELF 64-bit dynamic glibc" and the like: the facts that matter for the table. */
  static String identity(BinaryFacts f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.variant() != null ? f.variant() : f.arch()).append(' ').append(f.format().toUpperCase(java.util.Locale.ROOT))
        .append(' ').append(f.bits()).append("-bit");
    if (f.linkage() != null) {
      sb.append(' ').append(f.linkage());
    }
    if ("none".equals(f.os())) {
      sb.append(" bare-metal");
    } else if (f.libc() != null) {
      sb.append(' ').append(f.libc());
    }
    if (f.floatAbi() != null) {
      sb.append(' ').append(f.floatAbi()).append("-float");
    }
    if (f.macho() != null && !f.macho().slices().isEmpty() && f.macho().slices().get(0).minOs() != null) {
      var s = f.macho().slices().get(0);
      sb.append(" macOS ").append(s.minOs()).append('+').append(s.sdk() != null ? " SDK " + s.sdk() : "");
    }
    return sb.toString();
  }
}
