package dev.crosskit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.base.SpecialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdkStoreTest {
  @TempDir Path tmp;
  Path sources;
  Path outside;
  SdkStore store;

  @BeforeEach
  void dirs() throws IOException {
    sources = Files.createDirectories(tmp.resolve("sources"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "original");
    store = new SdkStore(tmp.resolve("cache/sdks"));
  }

  @Test
  void addsFromADirectoryAndFromTarsOfEachCompressionAndListsNewestFirst() throws IOException {
    SdkStore.Stored fromDir = store.add(SdkFiles.sdk(sources.resolve("d"), "14.2", "x86_64", "arm64"));
    assertThat(fromDir.name()).isEqualTo("MacOSX14.2.sdk");
    assertThat(fromDir.sdk().archs()).containsExactly("x86_64", "arm64");
    assertThat(fromDir.sdk().minimumDeployment()).isEqualTo("10.13");
    Path root = tmp.resolve("cache/sdks/MacOSX14.2.sdk");
    assertThat(fromDir.sdk().root()).isEqualTo(root);
    assertThat(Files.readSymbolicLink(root.resolve("usr/lib/libc.tbd"))).isEqualTo(Path.of("libSystem.tbd"));
    assertThat(root.resolve("usr/include/stdio.h")).content().contains("puts");

    String[][] archives = {{"13.3", "xz"}, {"12.3", "gz"}, {"11.1", "bz2"}, {"10.15", "none"}};
    for (String[] a : archives) {
      Path tar = SdkFiles.tar(SdkFiles.sdk(sources.resolve(a[1]), a[0]), sources.resolve("sdk-" + a[0] + ".tar"), a[1]);
      SdkStore.Stored s = store.add(tar);
      assertThat(s.sdk().version()).as(a[1]).isEqualTo(a[0]);
      assertThat(Files.readSymbolicLink(s.sdk().root().resolve("usr/lib/libc.tbd"))).isEqualTo(Path.of("libSystem.tbd"));
    }
    assertThat(store.list()).extracting(s -> s.sdk().version()).containsExactly("14.2", "13.3", "12.3", "11.1", "10.15");
    assertThat(store.newest().orElseThrow().version()).isEqualTo("14.2");
    JsonNode meta = Json.mapper().readTree(tmp.resolve("cache/sdks/MacOSX13.3.sdk.json").toFile());
    assertThat(meta.path("version").asText()).isEqualTo("13.3");
    assertThat(meta.path("source").asText()).endsWith("sdk-13.3.tar");
    assertThat(store.list().get(1).source()).endsWith("sdk-13.3.tar");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void addingAVersionAgainReplacesIt() throws IOException {
    store.add(SdkFiles.sdk(sources.resolve("a"), "14.2"));
    Path second = SdkFiles.sdk(sources.resolve("b"), "14.2", "arm64");
    store.add(second);
    assertThat(store.list()).singleElement().satisfies(s -> assertThat(s.sdk().archs()).containsExactly("arm64"));
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void resolvesAVersionAMajorVersionANameOrAPath() throws IOException {
    store.add(SdkFiles.sdk(sources.resolve("a"), "14.2"));
    store.add(SdkFiles.sdk(sources.resolve("b"), "14.0"));
    store.add(SdkFiles.sdk(sources.resolve("c"), "13.3"));
    assertThat(store.resolve("14.0", "sdk").version()).isEqualTo("14.0");
    assertThat(store.resolve("14", "sdk").version()).isEqualTo("14.2"); // the newest 14.x
    assertThat(store.resolve("MacOSX13.3.sdk", "sdk").version()).isEqualTo("13.3");
    Path elsewhere = SdkFiles.sdk(sources.resolve("d"), "15.0");
    assertThat(store.resolve(elsewhere.toString(), "sdk").root()).isEqualTo(elsewhere);
    assertThatThrownBy(() -> store.resolve("12.0", "sdk = \"12.0\"")).isInstanceOf(BadInputException.class)
        .hasMessage("sdk = \"12.0\": no macOS SDK 12.0 in crosskit's cache (it has 14.2, 14.0, 13.3);"
            + " add it with 'crosskit sdk add PATH|TARBALL'");
    assertThatThrownBy(() -> store.resolve("sdks/MacOSX14.sdk", "sdk")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("give an absolute path");
  }

  @Test
  void removesByVersionOrName() throws IOException {
    store.add(SdkFiles.sdk(sources.resolve("a"), "14.2"));
    store.add(SdkFiles.sdk(sources.resolve("b"), "13.3"));
    assertThat(store.remove("14.2")).isPresent();
    assertThat(store.remove("MacOSX13.3.sdk")).isPresent();
    assertThat(store.remove("13.3")).isEmpty();
    assertThat(store.list()).isEmpty();
    try (Stream<Path> s = Files.list(tmp.resolve("cache/sdks"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  /** Crafted archives that try to write outside the cache: refused, nothing added, nothing outside touched. */
  @Test
  void refusesArchivesThatWouldWriteOutside() throws IOException {
    String settings = "{\"Version\": \"14.0\"}";
    List<String[]> attacks = List.of(
        new String[] {"MacOSX14.0.sdk/SDKSettings.json", settings, "../outside/victim", "owned"},
        new String[] {"MacOSX14.0.sdk/SDKSettings.json", settings, "/tmp/crosskit-sdk-test-absolute", "owned"},
        new String[] {"MacOSX14.0.sdk/SDKSettings.json", settings, "MacOSX14.0.sdk/usr", "-> ../../../outside",
            "MacOSX14.0.sdk/usr/victim", "owned"},
        new String[] {"MacOSX14.0.sdk/SDKSettings.json", settings, "MacOSX14.0.sdk/usr/lib/libSystem.tbd",
            "-> ../../../../../outside/victim"});
    int i = 0;
    for (String[] entries : attacks) {
      Path tar = SdkFiles.crafted(sources.resolve("attack" + i++ + ".tar"), entries);
      assertThatThrownBy(() -> store.add(tar)).as(String.join(" ", entries)).isInstanceOf(BadInputException.class)
          .hasMessageContaining("is not a safe SDK archive, nothing was added");
    }
    assertThat(outside.resolve("victim")).content().isEqualTo("original");
    assertThat(outside).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("victim"));
    assertThat(Path.of("/tmp/crosskit-sdk-test-absolute")).doesNotExist();
    assertThat(store.list()).isEmpty();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void refusesADirectoryWithASymlinkLeadingOut() throws IOException {
    Path sdk = SdkFiles.sdk(sources.resolve("a"), "14.0");
    Files.createSymbolicLink(sdk.resolve("usr/include/escape"), Path.of("../../../../outside"));
    assertThatThrownBy(() -> store.add(sdk)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("symlink usr/include/escape -> ../../../../outside points outside the SDK");
    assertThat(store.list()).isEmpty();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void saysWhatIsWrongWithSomethingThatIsNoSdk() throws IOException {
    Path noSettings = Files.createDirectories(sources.resolve("empty.sdk/usr/lib"));
    assertThatThrownBy(() -> store.add(noSettings.getParent().getParent())).isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("empty.sdk is not a macOS SDK: it has no SDKSettings.json (a MacOSX<version>.sdk"
            + " directory from Xcode has one; see docs/macos.md)");
    Path badJson = SdkFiles.sdk(sources.resolve("j"), "14.0");
    Files.writeString(badJson.resolve("SDKSettings.json"), "{not json");
    assertThatThrownBy(() -> store.add(badJson)).hasMessageContaining("SDKSettings.json is not valid JSON");
    Path noVersion = SdkFiles.sdk(sources.resolve("v"), "14.0");
    Files.writeString(noVersion.resolve("SDKSettings.json"), "{\"DisplayName\": \"macOS\"}");
    assertThatThrownBy(() -> store.add(noVersion)).hasMessageContaining("SDKSettings.json has no Version");
    Path noLibSystem = SdkFiles.sdk(sources.resolve("l"), "14.0");
    Files.delete(noLibSystem.resolve("usr/lib/libc.tbd"));
    Files.delete(noLibSystem.resolve("usr/lib/libSystem.tbd"));
    assertThatThrownBy(() -> store.add(noLibSystem)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not a usable macOS SDK: it has no usr/lib/libSystem.tbd");

    Path text = Files.writeString(sources.resolve("notes.txt"), "not an archive\n".repeat(100));
    assertThatThrownBy(() -> store.add(text)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("is neither a macOS SDK directory nor a tar archive of one");
    Path noSdkInside = SdkFiles.crafted(sources.resolve("other.tar"), "README", "hello");
    assertThatThrownBy(() -> store.add(noSdkInside)).hasMessageContaining("holds no macOS SDK");
    Path a = SdkFiles.sdk(sources.resolve("two"), "14.0");
    SdkFiles.sdk(sources.resolve("two"), "13.0");
    Path two = SdkFiles.tarContents(sources.resolve("two"), sources.resolve("two.tar"), "gz");
    assertThat(a.getParent()).isEqualTo(sources.resolve("two"));
    assertThatThrownBy(() -> store.add(two)).hasMessageContaining("holds several SDKs (MacOSX13.0.sdk, MacOSX14.0.sdk)");
    assertThatThrownBy(() -> store.add(sources.resolve("missing.tar.xz"))).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("no such file or directory: ");
    assertThat(store.list()).isEmpty();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void specialFilesAndHugeSettingsAreRefusedWithoutBlockingOrFillingTheHeap() throws Exception {
    Path fifo = SpecialFiles.fifo(sources.resolve("sdk.tar.xz"));
    assertThatThrownBy(() -> store.add(fifo)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("not a regular file (a FIFO, device or socket)");
    Path huge = SdkFiles.sdk(sources.resolve("h"), "14.0");
    Files.writeString(huge.resolve("SDKSettings.json"), "{\"Version\": \"14.0\", \"x\": \""
        + "x".repeat(2 << 20) + "\"}");
    assertThatThrownBy(() -> store.add(huge)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("SDKSettings.json: larger than the 1024 KiB");
    Path settingsFifo = SdkFiles.sdk(sources.resolve("f"), "14.0");
    Files.delete(settingsFifo.resolve("SDKSettings.json"));
    SpecialFiles.fifo(settingsFifo.resolve("SDKSettings.json"));
    assertThatThrownBy(() -> store.add(settingsFifo)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("it has no SDKSettings.json");
    assertThat(store.list()).isEmpty();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anSdkWithoutArm64CannotBuildForIt() throws IOException {
    MacSdk listed = store.add(SdkFiles.sdk(sources.resolve("a"), "14.0", "x86_64")).sdk();
    assertThat(listed.supports("x86_64")).isTrue();
    assertThat(listed.supports("arm64")).isFalse();
    MacSdk old = store.add(SdkFiles.sdk(sources.resolve("b"), "10.15")).sdk(); // archs not listed: told by version
    assertThat(old.supports("arm64")).isFalse();
    assertThat(old.supports("x86_64")).isTrue();
    assertThat(store.add(SdkFiles.sdk(sources.resolve("c"), "11.0")).sdk().supports("arm64")).isTrue();
  }

  /** Everything in the store's directory that is not an SDK or its record: staging left behind. */
  private List<Path> leftovers() throws IOException {
    Path dir = tmp.resolve("cache/sdks");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().matches("MacOSX[0-9.]+\\.sdk(\\.json)?")).toList();
    }
  }
}
