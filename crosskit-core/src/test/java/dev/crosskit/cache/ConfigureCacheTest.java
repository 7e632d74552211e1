package dev.crosskit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigureCacheTest {
  private static final String KEY = "ab".repeat(32);
  private static final String OTHER = "cd".repeat(32);

  @TempDir Path home;

  @Test
  void storedResultsComeBackForTheirKeyOnly() {
    ConfigureCache cache = new ConfigureCache(home);
    assertThat(cache.lookup(KEY)).isEmpty();
    cache.store(KEY, "ac_cv_header_stdlib_h=${ac_cv_header_stdlib_h=yes}\n");
    assertThat(cache.lookup(KEY)).contains("ac_cv_header_stdlib_h=${ac_cv_header_stdlib_h=yes}\n");
    assertThat(cache.lookup(OTHER)).isEmpty();
    assertThat(cache.stats().entries()).isEqualTo(1);
    assertThat(cache.stats().bytes()).isGreaterThan(50);
    assertThat(cache.stats().dir()).isEqualTo(home.resolve("configure-cache").toString());
  }

  @Test
  void aDamagedEntryIsAMissAndIsRemoved() throws Exception {
    ConfigureCache cache = new ConfigureCache(home);
    cache.store(KEY, "set(HAVE_X \"1\" CACHE INTERNAL \"Have include x.h\")\n");
    Path entry = home.resolve("configure-cache").resolve(KEY);
    String whole = Files.readString(entry);
    Files.writeString(entry, whole.substring(0, whole.length() - 5)); // cut short: checksum no longer matches
    assertThat(cache.lookup(KEY)).isEmpty();
    assertThat(entry).doesNotExist();

    cache.store(KEY, "x=1\n");
    Files.write(entry, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}); // not even text
    assertThat(cache.lookup(KEY)).isEmpty();

    Files.writeString(entry, "some other format\nx=1\n");
    assertThat(cache.lookup(KEY)).isEmpty();

    Files.createDirectories(entry.getParent().resolve(OTHER)); // a directory where an entry would be
    assertThat(cache.lookup(OTHER)).isEmpty();
  }

  @Test
  void dropAndCleanRemoveEntries() {
    ConfigureCache cache = new ConfigureCache(home);
    cache.store(KEY, "a=1\n");
    cache.store(OTHER, "b=1\n");
    cache.drop(KEY);
    assertThat(cache.lookup(KEY)).isEmpty();
    assertThat(cache.lookup(OTHER)).isPresent();
    cache.clean();
    assertThat(cache.stats().entries()).isZero();
    assertThat(home.resolve("configure-cache")).doesNotExist();
  }
}
