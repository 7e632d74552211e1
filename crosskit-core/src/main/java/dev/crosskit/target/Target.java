package dev.crosskit.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One build target: CPU architecture (and variant) x operating system x libc. Built from the
 * catalog ({@code targets.json}); {@link #fields} holds every per-scheme spelling and fact the
 * catalog gives for it (Debian arch, QEMU binary, ELF machine, ...), already merged from the
 * arch, OS and target entries.
 *
 * @param name the canonical crosskit name, e.g. {@code armv7-linux-gnueabihf}
 * @param archKey the catalog arch entry, e.g. {@code armv7}
 * @param arch the CPU family, e.g. {@code arm}
 * @param variant the ISA variant when it matters ({@code armv6}, {@code armv7}), else null
 * @param os {@code linux}, {@code windows}, {@code macos}, {@code freebsd} or {@code none} (bare metal)
 * @param libc {@code glibc}, {@code musl}, {@code mingw}, {@code system} or {@code none} (bare metal:
 *     crosskit's toolchain links picolibc)
 * @param floatAbi {@code hard}, {@code double} (RISC-V lp64d) or null when not applicable
 */
public record Target(
    String name,
    String archKey,
    String arch,
    String variant,
    String vendor,
    String os,
    String libc,
    String floatAbi,
    String endian,
    int bits,
    Map<String, String> fields,
    List<String> aliases) {

  /** A catalog field such as {@code debianArch}, {@code qemu} or {@code gnu}; empty when the target has none. */
  public Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  public String gnuTriple() {
    return fields.get("gnu");
  }

  public String rustTriple() {
    return fields.get("rust");
  }

  public boolean isLinux() {
    return "linux".equals(os);
  }

  public boolean isWindows() {
    return "windows".equals(os);
  }

  /** True for a target without an operating system (a microcontroller, or a CPU started bare under QEMU). */
  public boolean isBareMetal() {
    return "none".equals(os);
  }

  public boolean isMusl() {
    return "musl".equals(libc);
  }

  public boolean isGlibc() {
    return "glibc".equals(libc);
  }

  /** The suffix executables carry on this target ({@code .exe} on Windows). */
  public String executableSuffix() {
    return fields.getOrDefault("executableSuffix", "");
  }

  /** Extra C compiler flags that select this target's ISA and float ABI (armv6, armv7), or "". */
  public String archCflags() {
    return fields.getOrDefault("cflags", "");
  }

  @Override
  public String toString() {
    return name;
  }
}
