package dev.crosskit.rust;

import dev.crosskit.sysroot.MuslSysroots;
import dev.crosskit.sysroot.MuslToolchain;
import dev.crosskit.sysroot.SysrootStore;
import dev.crosskit.target.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The C compiler and linker for a Rust musl target from crosskit's musl sysroots (the host's gcc
 * cross compiler with a specs file), for targets whose toolchain the finder does not supply.
 */
public final class MuslLinker {
  private MuslLinker() {}

  /** Whether a musl sysroot can be made for the target. */
  public static boolean available(Target target) {
    return "musl".equals(target.libc()) && MuslSysroots.supportedTargets().contains(target.name());
  }

  /**
   * The Cargo and cc-crate variables for the target (linker, CC, AR, CFLAGS), making the musl
   * sysroot first if needed, and the extra rustc flags that point the linker at the sysroot.
   */
  public static Map<String, String> variables(Target target, SysrootStore sysroots, List<String> rustflags) {
    MuslToolchain mt = new MuslSysroots(sysroots).ensure(target);
    String triple = target.rustTriple();
    String upper = triple.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    String lower = triple.replace('-', '_').replace('.', '_');
    String gcc = mt.cc().get(0);
    String prefix = gcc.substring(0, gcc.length() - "gcc".length());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CARGO_TARGET_" + upper + "_LINKER", gcc);
    env.put("CC_" + lower, mt.ccString());
    env.put("AR_" + lower, prefix + "ar");
    env.put("CFLAGS_" + lower, String.join(" ", mt.cflags()));
    for (String arg : mt.cc().subList(1, mt.cc().size())) {
      rustflags.addAll(List.of("-C", "link-arg=" + arg));
    }
    for (String arg : mt.cflags()) {
      rustflags.addAll(List.of("-C", "link-arg=" + arg));
    }
    return env;
  }
}
