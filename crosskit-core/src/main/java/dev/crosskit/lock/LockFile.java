package dev.crosskit.lock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.Json;
import dev.crosskit.sysroot.SysrootPins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * crosskit.lock, next to crosskit.toml: per target, the exact versions of everything its builds
 * take from the host ({@link TargetLock}). JSON with sorted keys, so that a change shows as a small
 * diff in review.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockFile(int lockVersion, Map<String, TargetLock> targets) {
  public static final String NAME = "crosskit.lock";
  public static final int VERSION = 1;

  public LockFile {
    targets = targets == null ? Map.of() : new TreeMap<>(targets);
  }

  public static LockFile read(Path projectDir) {
    Path file = projectDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("--locked needs " + file + ", which does not exist; run 'crosskit lock' first");
    }
    try {
      return Json.mapper().readValue(file.toFile(), LockFile.class);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("")
          + "); run 'crosskit lock' to write it again");
    }
  }

  public Path write(Path projectDir) throws IOException {
    Path file = projectDir.resolve(NAME);
    AtomicFiles.write(file, Json.write(this) + "\n");
    return file;
  }

  /**
   * Fails (exit 1) when what is found differs from what is locked, naming each difference:
   * the target, the package, the locked and the found version.
   */
  public void check(Map<String, TargetLock> found) {
    List<String> drift = new ArrayList<>();
    for (Map.Entry<String, TargetLock> e : found.entrySet()) {
      TargetLock locked = targets.get(e.getKey());
      if (locked == null) {
        drift.add(e.getKey() + ": not in " + NAME);
        continue;
      }
      // The sysroot is not compared: under the lock it is made of the locked packages (sysrootPins),
      // each .deb checked against the locked SHA-256 as it is fetched; on a fresh runner it does not exist yet.
      compare(e.getKey(), "", locked.packages(), e.getValue().packages(), drift);
      compare(e.getKey(), "", locked.compilers(), e.getValue().compilers(), drift);
      compare(e.getKey(), "recipe ", locked.recipes(), e.getValue().recipes(), drift);
    }
    if (!drift.isEmpty()) {
      throw new FailedException("the toolchain drifted from " + NAME + ": " + String.join("; ", drift)
          + " (install the locked versions, or run 'crosskit lock' to accept the new ones)");
    }
  }

  /** Each locked target's sysroot packages, versions and .deb hashes: what its sysroot must be made of. */
  public Map<String, SysrootPins> sysrootPins() {
    Map<String, SysrootPins> out = new TreeMap<>();
    targets.forEach((name, t) -> {
      if (!t.sysroot().isEmpty()) {
        out.put(name, new SysrootPins(t.sysroot(), t.sysrootSha256()));
      }
    });
    return out;
  }

  private static void compare(String target, String what, Map<String, String> locked, Map<String, String> found,
      List<String> drift) {
    Map<String, String> all = new TreeMap<>(locked);
    found.forEach(all::putIfAbsent);
    for (String name : all.keySet()) {
      String l = locked.getOrDefault(name, "absent");
      String f = found.getOrDefault(name, "absent");
      if (!l.equals(f)) {
        drift.add(target + " " + what + name + " locked " + l + ", found " + f);
      }
    }
  }
}
