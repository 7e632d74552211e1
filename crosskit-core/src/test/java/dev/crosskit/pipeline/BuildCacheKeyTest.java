package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What makes a cached target stale. */
class BuildCacheKeyTest {
  private static final Toolchain TC = new Toolchain(TargetResolver.builtIn().target("aarch64-linux-gnu"), "gcc-cross",
      Path.of("/nonexistent/gcc"), null, null, null, null, null, List.of(), List.of(), List.of());

  private static String key(long epoch, String settings) throws Exception {
    MatrixContext run = new MatrixContext(new PipelineOptions(Path.of("/out"), 2, false, false, false),
        ProgressListener.NONE, null, null, 1, BuildAdapters.forName("command"), Path.of("/src"), "tree",
        () -> epoch, new AtomicBoolean(), () -> { }, null, System.nanoTime());
    return BuildCache.key(run, new TargetSettings(new ObjectMapper().readTree(settings)), TC);
  }

  /** Builds embed SOURCE_DATE_EPOCH, so another one is another build; without the flags it is not used. */
  @Test
  void aChangedSourceDateEpochIsAChangedInputWhileReproducibilityIsOn() throws Exception {
    assertThat(key(1000, "{}")).isEqualTo(key(1000, "{}")).isNotEqualTo(key(2000, "{}"));
    String off = "{\"build\":{\"reproducible\":false}}";
    assertThat(key(1000, off)).isEqualTo(key(2000, off));
  }
}
