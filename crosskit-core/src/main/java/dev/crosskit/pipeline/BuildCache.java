package dev.crosskit.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.Digests;
import dev.crosskit.base.Json;
import dev.crosskit.cache.CompileCache;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.TargetResult;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A target's last result, kept in {@code <target>/state.json} with the key of the inputs it was
 * made from: the source tree, the settings, the build system, the toolchain (and its
 * compilers' files), what was asked (build or test, reproducibility), SOURCE_DATE_EPOCH (when
 * reproducibility flags are on) and crosskit itself.
 * Unchanged inputs and unchanged artifacts give the last passing result back ("cached").
 *
 * <p>The state is removed before a target's directory is touched and written (atomically) only
 * when the target finished, so an interrupted or crashed run never leaves a state that a later
 * run trusts.
 */
final class BuildCache {
  private final Path state;
  private final Path outDir;

  BuildCache(Path targetDir, Path outDir) {
    this.state = targetDir.resolve("state.json");
    this.outDir = outDir;
  }

  /** The key of a target's inputs. */
  static String key(MatrixContext run, TargetSettings settings, Toolchain tc) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("v1 ").append(CodeIdentity.get()).append('\n').append(run.sourceFingerprint()).append('\n')
        .append(run.adapter().name()).append('\n').append(run.options().runTests()).append('\n')
        .append(settings.tree().toString()).append('\n').append(tc).append('\n');
    if (run.options().checkReproducible()) {
      sb.append("check-reproducible\n");
    }
    if (ReproducibleFlags.enabled(settings)) {
      // builds embed it (__DATE__, archive times): another epoch is another build
      sb.append("source-date-epoch ").append(run.sourceDateEpoch().get()).append('\n');
    }
    sb.append(CompileCache.compilerIdentity(tc));
    return Digests.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The last result for {@code key} when it passed and its artifacts are still the ones it describes. */
  Optional<TargetResult> lookup(String key) {
    try {
      if (!Files.isRegularFile(state)) {
        return Optional.empty();
      }
      JsonNode node = Json.mapper().readTree(state.toFile());
      if (!key.equals(node.path("key").asText())) {
        return Optional.empty();
      }
      TargetResult r = Json.mapper().treeToValue(node.path("result"), TargetResult.class);
      for (Artifact a : r.artifacts()) {
        Path p = outDir.resolve(a.path());
        if (!Files.isRegularFile(p) || !Digests.sha256(p).equals(a.sha256())) {
          return Optional.empty(); // an artifact was removed or changed since: rebuild
        }
      }
      return r.passed() ? Optional.of(r) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // a damaged state file only costs a rebuild
    }
  }

  /** Forgets the last result: the target's directory is about to change. */
  void invalidate() throws IOException {
    Files.deleteIfExists(state);
  }

  /** Keeps a finished target's result; an interrupted one is not kept. */
  void save(String key, TargetResult result) throws IOException {
    if (!result.interrupted()) {
      AtomicFiles.write(state, Json.write(Map.of("key", key, "result", result)));
    }
  }
}
