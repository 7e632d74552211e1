package dev.crosskit.sysroot;

import java.util.ArrayList;
import java.util.List;

/**
 * How to compile for a musl target: the host's gcc cross compiler driven by a specs file that
 * points it at the musl sysroot instead of glibc.
 *
 * @param target the crosskit target name
 * @param sysroot the musl sysroot
 * @param cc the C compiler argv prefix, e.g. {@code [aarch64-linux-gnu-gcc, -specs, <root>/musl-gcc.specs]}
 * @param cflags the target's ISA and float-ABI flags (armv6: {@code -march=armv6+fp -mfpu=vfp -mfloat-abi=hard -marm})
 * @param ldflags {@code -static}, plus the cflags (gcc links with them so the right multilib and attributes are used)
 */
public record MuslToolchain(String target, Sysroot sysroot, List<String> cc, List<String> cflags, List<String> ldflags) {
  public MuslToolchain {
    cc = List.copyOf(cc);
    cflags = List.copyOf(cflags);
    ldflags = List.copyOf(ldflags);
  }

  /** A whole compile-and-link command: cc, cflags, the arguments, ldflags. */
  public List<String> compileAndLink(List<String> args) {
    List<String> argv = new ArrayList<>(cc);
    argv.addAll(cflags);
    argv.addAll(args);
    argv.addAll(ldflags);
    return argv;
  }

  /** The compiler as one CC value for make/configure ({@code CC="gcc -specs ..."}); paths have no spaces in the cache. */
  public String ccString() {
    return String.join(" ", cc);
  }
}
