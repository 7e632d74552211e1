package dev.crosskit.toolchainfile;

import dev.crosskit.emulate.Runner;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a Cargo configuration stanza ({@code .cargo/config.toml}) for a target: the linker,
 * ar and the runner {@code cargo test}/{@code cargo run} put in front of target programs, plus the
 * cc crate's per-target compiler variables.
 */
public final class CargoConfig {
  private CargoConfig() {}

  public static String render(Toolchain tc, Optional<Runner> runner) {
    String triple = tc.target().rustTriple();
    if (triple == null) {
      throw new IllegalArgumentException(tc.target().name() + " has no Rust target triple");
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Cargo configuration for ").append(tc.target().name()).append(", written by crosskit (crosskit toolchain-file ")
        .append(tc.target().name()).append(" --format cargo).\n");
    sb.append("[target.").append(quote(triple)).append("]\n");
    if (tc.cc() != null) {
      sb.append("linker = ").append(quote(tc.cc().toString())).append('\n');
    }
    if (tc.ar() != null) {
      sb.append("ar = ").append(quote(tc.ar().toString())).append('\n');
    }
    runner.filter(Runner::emulated).ifPresent(r ->
        sb.append("runner = ").append(array(r.standaloneArgv())).append('\n'));
    List<String> rustflags = new ArrayList<>(ToolchainData.builtIn().rustflags(tc.target(), tc.kind()));
    tc.ldflags().stream().filter(f -> !f.equals("-static")).forEach(f -> rustflags.add("-Clink-arg=" + f));
    if (!rustflags.isEmpty()) {
      sb.append("rustflags = ").append(array(rustflags)).append('\n');
    }
    String lower = triple.replace('-', '_').replace('.', '_');
    sb.append("\n[env]\n");
    if (tc.cc() != null) {
      sb.append("CC_").append(lower).append(" = ").append(quote(tc.cc().toString())).append('\n');
    }
    if (tc.cxx() != null) {
      sb.append("CXX_").append(lower).append(" = ").append(quote(tc.cxx().toString())).append('\n');
    }
    if (tc.ar() != null) {
      sb.append("AR_").append(lower).append(" = ").append(quote(tc.ar().toString())).append('\n');
    }
    sb.append("CFLAGS_").append(lower).append(" = ").append(quote(String.join(" ", tc.cflags()))).append('\n');
    return sb.toString();
  }

  static String array(List<String> items) {
    return items.stream().map(CargoConfig::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A TOML basic string. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
