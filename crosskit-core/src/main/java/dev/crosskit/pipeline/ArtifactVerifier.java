package dev.crosskit.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.UserException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Finding;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.inspect.Policy;
import dev.crosskit.inspect.PolicyChecker;
import dev.crosskit.inspect.Severity;
import dev.crosskit.sdk.MacosDeployment;
import dev.crosskit.target.Target;
import java.util.ArrayList;
import java.util.List;

/** The verify step: inspects each artifact and checks it against the target and the [verify] policy. */
final class ArtifactVerifier {
  private ArtifactVerifier() {}

  /** The policy for one target: the target itself is always expected; the rest comes from [verify]. */
  static Policy policy(Target target, JsonNode verify) {
    return policy(target, verify, null);
  }

  /**
   * The policy for a target's build settings: [verify], with the glibc floor as max-glibc and
   * the macOS deployment target ([target.X] macos, else the catalog's) as max-macos by default.
   */
  static Policy policy(Target target, TargetSettings settings) {
    Policy p = policy(target, settings.verify(), settings.glibc().orElse(null));
    String maxMacos = settings.verify().hasNonNull("max-macos") ? text(settings.verify(), "max-macos")
        : MacosDeployment.of(target, settings.macos().orElse(null)).orElse(null);
    return new Policy(p.expectTarget(), p.requireStatic(), p.maxGlibc(), p.maxGlibcxx(), p.allowedLibs(),
        p.maxIsaLevel(), p.requirePie(), p.requireRelro(), p.requireNx(), p.noRpath(), p.noHostPaths(), maxMacos,
        text(settings.verify(), "macos-sdk"));
  }

  /**
   * The policy for one target built against a glibc floor (null: none). Unless [verify] says
   * otherwise, a floor becomes {@code max-glibc} (so an artifact needing newer is named with its
   * symbols), and a musl artifact must be fully static: crosskit's musl toolchains link
   * {@code -static}, and a dynamic one would need a musl loader the target may not have.
   */
  static Policy policy(Target target, JsonNode verify, String glibcFloor) {
    List<String> allow = new ArrayList<>();
    verify.path("allow-lib").forEach(n -> allow.add(n.asText()));
    String maxGlibc = verify.hasNonNull("max-glibc") ? text(verify, "max-glibc") : glibcFloor;
    boolean requireStatic = verify.has("static") ? verify.path("static").asBoolean(false) : target.isMusl();
    return new Policy(
        target,
        requireStatic,
        maxGlibc,
        text(verify, "max-glibcxx"),
        allow,
        verify.has("max-isa-level") ? verify.get("max-isa-level").asInt() : null,
        verify.path("require-pie").asBoolean(false),
        text(verify, "require-relro"),
        verify.path("require-nx").asBoolean(false),
        verify.path("no-rpath").asBoolean(false),
        verify.path("no-host-paths").asBoolean(false));
  }

  private static String text(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }

  record Verdict(boolean passed, String identity, String matchedTarget, List<String> findings) {}

  static Verdict verify(java.nio.file.Path file, Policy policy) {
    BinaryFacts facts;
    try {
      facts = Inspector.inspect(file);
    } catch (UserException e) {
      return new Verdict(false, "unreadable", null, List.of("FAIL format: " + e.getMessage()));
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
    return new Verdict(passed, identity(facts), facts.target(), notable);
  }

  /** "aarch64 ELF 64-bit dynamic glibc" and the like: the facts that matter for the table. */
  static String identity(BinaryFacts f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.variant() != null ? f.variant() : f.arch()).append(' ').append(f.format().toUpperCase(java.util.Locale.ROOT))
        .append(' ').append(f.bits()).append("-bit");
    if (f.linkage() != null) {
      sb.append(' ').append(f.linkage());
    }
    if (f.libc() != null) {
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
