package dev.crosskit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.UserException;
import dev.crosskit.target.TargetResolver;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  @Test
  void parsesNameTagAndRegistryPorts() {
    assertThat(ImageReference.parse("ckcalc:1.0")).isEqualTo(new ImageReference("ckcalc", "1.0"));
    assertThat(ImageReference.parse("localhost:5000/team/ckcalc")).isEqualTo(
        new ImageReference("localhost:5000/team/ckcalc", "latest"));
    assertThat(ImageReference.parse("example.org/ckcalc:v2_rc-1").tag()).isEqualTo("v2_rc-1");
  }

  @Test
  void rejectsBadReferences() {
    for (String bad : new String[] {"CKCALC:1", "ckcalc:", "ckcalc:-x", "a b:1", ""}) {
      assertThatThrownBy(() -> ImageReference.parse(bad)).as(bad).isInstanceOf(UserException.class)
          .hasMessageContaining("is not an image reference");
    }
  }

  @Test
  void platformsComeFromTheCatalogsDockerFields() {
    TargetResolver r = TargetResolver.builtIn();
    assertThat(Platform.of(r.target("armv7-linux-musleabihf"))).isEqualTo(new Platform("linux", "arm", "v7"));
    assertThat(Platform.of(r.target("aarch64-linux-musl"))).isEqualTo(new Platform("linux", "arm64", null));
    assertThat(Platform.of(r.target("riscv64-linux-musl")).toString()).isEqualTo("linux/riscv64");
    assertThatThrownBy(() -> Platform.of(r.target("aarch64-macos"))).hasMessageContaining("no OCI platform");
  }
}
