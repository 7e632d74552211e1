package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogWarmupTest {
  @Test
  void commandsThatResolveTargetsWarmTheCatalogUp() {
    assertThat(CatalogWarmup.needsNoCatalog(List.of("targets", "show", "armhf"))).isFalse();
    assertThat(CatalogWarmup.needsNoCatalog(List.of("--verbose", "inspect", "a.out"))).isFalse();
    assertThat(CatalogWarmup.needsNoCatalog(List.of("build", "-t", "aarch64-linux-gnu"))).isFalse();
  }

  @Test
  void helpVersionCompletionAndNoCommandReadNoCatalog() {
    assertThat(CatalogWarmup.needsNoCatalog(List.of("--help"))).isTrue();
    assertThat(CatalogWarmup.needsNoCatalog(List.of("build", "--help"))).isTrue();
    assertThat(CatalogWarmup.needsNoCatalog(List.of("--verbose", "--version"))).isTrue();
    assertThat(CatalogWarmup.needsNoCatalog(List.of("completion", "bash"))).isTrue();
    assertThat(CatalogWarmup.needsNoCatalog(List.of("help", "targets"))).isTrue();
    assertThat(CatalogWarmup.needsNoCatalog(List.of())).isTrue();
  }
}
