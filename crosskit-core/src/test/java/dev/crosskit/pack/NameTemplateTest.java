package dev.crosskit.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.target.TargetResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NameTemplateTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "aarch64-linux-gnu      | {name}-{version}-{os}-{arch} | app-1.2-linux-arm64",
      "x86_64-windows-gnu     | {name}-{version}-{os}-{arch} | app-1.2-windows-amd64",
      "armv7-linux-gnueabihf  | {name}-{version}-{os}-{arch} | app-1.2-linux-armv7",
      "riscv64-linux-gnu      | {name}-{version}-{os}-{arch} | app-1.2-linux-riscv64",
      "aarch64-linux-musl     | {name}-{version}-{rust}      | app-1.2-aarch64-unknown-linux-musl",
      "armv7-linux-gnueabihf  | {name}_{docker}              | app_linux-arm-v7",
      "armv7-linux-gnueabihf  | {name}-{debian}-{libc}       | app-armhf-glibc",
      "x86_64-linux-musl      | {target}                     | x86_64-linux-musl"})
  void renders(String target, String template, String expected) {
    assertThat(new NameTemplate(template).render("app", "1.2", TargetResolver.builtIn().target(target)))
        .isEqualTo(expected);
  }

  @Test
  void unsafeCharactersOfValuesBecomeDashes() {
    assertThat(new NameTemplate(NameTemplate.DEFAULT).render("my app", "1.0 beta",
        TargetResolver.builtIn().target("x86_64-linux-gnu"))).isEqualTo("my-app-1.0-beta-linux-amd64");
  }

  @Test
  void badTemplatesAreRejectedWithTheKnownPlaceholders() {
    assertThatThrownBy(() -> new NameTemplate("{name}-{platform}")).hasMessageContaining("unknown placeholder {platform}")
        .hasMessageContaining("{arch}");
    assertThatThrownBy(() -> new NameTemplate("dist/{name}")).hasMessageContaining("no '/'");
    assertThatThrownBy(() -> new NameTemplate("{name")).hasMessageContaining("stray braces");
  }
  @Test
  void aNameThatIsNoFileNameIsRefused() {
    var t = TargetResolver.builtIn().target("x86_64-linux-gnu");
    assertThatThrownBy(() -> new NameTemplate("{name}").render("..", "1.0", t))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'").hasMessageContaining("not a file name");
    assertThatThrownBy(() -> new NameTemplate("{version}").render("app", ".", t))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a file name");
    assertThatThrownBy(() -> new NameTemplate(NameTemplate.DEFAULT).render("a".repeat(300), "1.0", t))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
    assertThat(new NameTemplate("{name}").render("..x", "1.0", t)).isEqualTo("..x");
  }
}
