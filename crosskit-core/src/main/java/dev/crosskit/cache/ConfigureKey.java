package dev.crosskit.cache;

import dev.crosskit.base.Digests;
import dev.crosskit.exec.Command;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The key of a configure step's compile-check results ({@link ConfigureCache}): everything that
 * decides what configure's try-compiles find. A key too wide only costs a miss; one too narrow
 * gives a build results that are not its own, so when in doubt an input is in.
 *
 * <ul>
 *   <li>the format, the build system and the target;
 *   <li>the files configure reads to decide its checks (the configure script; CMake's lists and
 *       modules and crosskit's toolchain file), by name and content;
 *   <li>the configure argv, working directory and whole environment (inherited and the build's),
 *       except the variables that differ between two identical runs ({@link #VOLATILE});
 *   <li>the source and build directories (configure writes them into its results);
 *   <li>the compilers ({@link CompileCache#compilerIdentity}) and the sysroot's manifest and
 *       specs files by content ({@link CompileCache#sysrootIdentity});
 *   <li>the host's package database ({@code /var/lib/dpkg/status}) by size and mtime: a header
 *       or library installed or removed on the host (which is the native target's sysroot), a
 *       new cross compiler or a new cmake, changes every key.
 * </ul>
 */
public final class ConfigureKey {
  private static final String FORMAT = "crosskit configure key 1";
  /** The host's package database. */
  public static final Path DPKG_STATUS = Path.of("/var/lib/dpkg/status");
  /**
   * Variables that differ between identical runs and decide no check: make's jobserver (its
   * pipe and token count), ccache's per-build statistics log, crosskit's process-tree marks (one
   * per crosskit process), the shell's bookkeeping, a login's session and a CI job's run numbers
   * (with them in, a cache kept between CI jobs would never hit).
   */
  static final Set<String> VOLATILE = Set.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CCACHE_STATSLOG",
      "PWD", "OLDPWD", "SHLVL", "_", "SSH_AUTH_SOCK", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY", "XDG_SESSION_ID",
      "INVOCATION_ID", "JOURNAL_STREAM", "GITHUB_RUN_ID", "GITHUB_RUN_NUMBER", "GITHUB_RUN_ATTEMPT", "GITHUB_JOB",
      "CI_JOB_ID", "CI_PIPELINE_ID", "BUILD_NUMBER", "BUILD_ID");
  private static final String PROCESS_MARK = "CROSSKIT_PROC_";

  private final Path dpkgStatus;
  private final Map<String, String> inherited;

  /** Keys for configure steps run by this process (its environment is theirs too). */
  public ConfigureKey() {
    this(DPKG_STATUS, System.getenv());
  }

  /**
   * @param dpkgStatus the host's package database
   * @param inherited the environment the configure step inherits, under its own variables
   */
  ConfigureKey(Path dpkgStatus, Map<String, String> inherited) {
    this.dpkgStatus = dpkgStatus;
    this.inherited = Map.copyOf(inherited);
  }

  /**
   * The key, in hex.
   *
   * @param buildSystem the adapter's name
   * @param inputs the files configure reads, by a name that stays the same across runs
   * @param configure the configure command as it runs, environment included (without a seed)
   */
  public String of(String buildSystem, Toolchain tc, SortedMap<String, Path> inputs, Command configure,
      Path sourceDir, Path buildDir) throws IOException {
    MessageDigest md = Digests.sha256();
    field(md, "format", FORMAT);
    field(md, "build-system", buildSystem);
    field(md, "target", tc.target().name());
    for (Map.Entry<String, Path> in : inputs.entrySet()) {
      field(md, "input " + in.getKey(), Files.readAllBytes(in.getValue()));
    }
    field(md, "argv", String.join("\0", configure.argv()));
    field(md, "cwd", String.valueOf(configure.cwd()));
    environment(configure).forEach((k, v) -> field(md, "env " + k, v));
    field(md, "source", sourceDir.toAbsolutePath().normalize().toString());
    field(md, "build", buildDir.toAbsolutePath().normalize().toString());
    field(md, "compilers", CompileCache.compilerIdentity(tc));
    for (String f : CompileCache.sysrootIdentity(tc)) {
      field(md, "sysroot " + f, Files.readAllBytes(Path.of(f)));
    }
    field(md, "dpkg", fileIdentity(dpkgStatus));
    return HexFormat.of().formatHex(md.digest());
  }

  /** The environment configure runs with, as {@code ProcessRunner} makes it, less the volatile variables. */
  SortedMap<String, String> environment(Command configure) {
    SortedMap<String, String> env = new TreeMap<>(inherited);
    configure.env().forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    env.keySet().removeIf(k -> VOLATILE.contains(k) || k.startsWith(PROCESS_MARK));
    return env;
  }

  /** A file by size and modification time ("none" when missing): the host's package database changes both on every apt run. */
  static String fileIdentity(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() : "none";
  }

  /** A labelled, length-prefixed field: no two different inputs hash alike by running into each other. */
  static void field(MessageDigest md, String label, String value) {
    field(md, label, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(MessageDigest md, String label, byte[] value) {
    byte[] name = label.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(name.length).array());
    md.update(name);
    md.update(ByteBuffer.allocate(8).putLong(value.length).array());
    md.update(value);
  }
}
