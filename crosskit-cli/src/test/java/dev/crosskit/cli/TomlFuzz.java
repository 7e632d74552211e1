package dev.crosskit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates crosskit.toml texts for {@link ConfigFuzzTest}: well-typed ones from the schema,
 * ones with values of any type, and mutations of either at the character level.
 */
final class TomlFuzz {
  /** Strings crosskit must survive wherever a string goes. */
  static final List<String> HOSTILE = List.of("", " ", ".", "..", "../../etc/passwd", "/etc/shadow", "-oAPT::Get::AllowUnauthenticated=true",
      "--help", "-", "a=b", "A=B=C", "\u0000", "x\u0000y", "\n", "line\nbreak", "\r\n", "\t", "\u001b[31mred", "ünïcödé", "日本語",
      "😀", "\u202eevil", "\ufeffbom", "${HOME}", "$(rm -rf /)", "'; rm -rf / #", "`id`", "[", "]", "*", "**", "{a,b}", "{name}",
      "{nope}", "%s%n%x", "\\", "\"", "'", "x".repeat(5000), "lib*-dev", "zlib1g.de", "2.31", "banana", "99999999999999999999",
      "99999999999999999999h", "9999999999999h", "0s", "-1s", "1m30s", "7d", "8d", "500ms", "1.5h", "nan", "aarch64-linux-gnu",
      "linux/arm/v7", "x86_64-w64-mingw32", "wasm32", "CON", "NUL", "a/b", "/", "~", "#", "=", "[target]");
  static final List<String> VALID_TARGETS = List.of("aarch64-linux-gnu", "arm64", "linux/arm/v7", "armhf", "riscv64",
      "x86_64-linux-musl", "x86_64-windows-gnu", "x86_64-w64-mingw32", "aarch64-apple-darwin", "arm-none-eabi",
      "aarch64-unknown-linux-gnu", "x86_64-linux-gnu");
  static final List<String> BAD_TARGETS = List.of("sparc-linux-gnu", "", "..", "a\nb", "AARCH64-LINUX-GNU", "x86_64-linux-gnu ");
  static final List<String> PACKAGES = List.of("zlib1g-dev", "libssl-dev", "libstdc++-12-dev", "lib*-dev", "-oFoo=1", "Zlib",
      "a", "zlib1g.de", "libfoo:arm64", "libfoo=1.0", "x".repeat(300));
  static final List<String> GLOBS = List.of("hello", "lib*.so*", "**/bin/*", "[", "{a,b", "\\", "[!a]x", "", "*.{exe,dll}", "a[b");
  static final List<String> ENV_NAMES = List.of("CFLAGS", "PATH", "LD_PRELOAD", "A=B", "", "a\u0000b", "ÜBER", "X Y", "1A", "CC");

  private final Random r;
  private final Map<String, Map<String, String>> schema;
  private final List<String> sections;

  TomlFuzz(Random r, Map<String, Map<String, String>> schema) {
    this.r = r;
    this.schema = schema;
    this.sections = new ArrayList<>(schema.keySet());
  }

  /** Case {@code i}: 4 in 10 well-typed, 3 in 10 any-typed, 3 in 10 mutated. */
  String next(int i) {
    return switch (i % 10) {
      case 0, 1, 2, 3 -> document(true);
      case 4, 5, 6 -> document(false);
      default -> mutate(document(r.nextBoolean()));
    };
  }

  private String document(boolean typed) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(3) > 0) {
      sb.append("[project]\n");
      if (r.nextBoolean()) {
        sb.append("name = ").append(string(typed ? plausible("app", "my app", "zlib") : any())).append('\n');
      }
      if (r.nextBoolean()) {
        sb.append("version = ").append(string(typed ? plausible("1.0", "2.3.4-rc1", "..") : any())).append('\n');
      }
      if (r.nextBoolean()) {
        sb.append("build = ").append(typed ? string(plausible("command", "cmake", "make", "meson", "cargo", "go", "autotools", "rust", r.nextInt(10) == 0 ? "scons" : "make")) : value("any", false))
            .append('\n');
      }
      if (r.nextInt(4) > 0) {
        sb.append("targets = ").append(typed ? array(targets(), 1 + r.nextInt(3)) : value("any", false)).append('\n');
      }
    }
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int n = r.nextInt(4); n > 0; n--) {
      String section = r.nextInt(typed ? 60 : 8) == 0 ? pick(List.of("bulid", "targets", "Build", "\u00e9t\u00e9")) : pick(sections);
      if (section.equals("project") || typed && !used.add(section)) {
        continue; // a table defined twice is a TOML error; typed documents are meant to load
      }
      sb.append('[').append(key(section)).append("]\n");
      keys(sb, section, typed, "");
    }
    for (int n = r.nextInt(3); n > 0; n--) {
      String target = pick(targets());
      if (typed && !used.add("target." + target)) {
        continue;
      }
      sb.append("[target.").append(key(target)).append("]\n");
      if (!typed && r.nextInt(3) == 0) {
        sb.append(pick(List.of("packages = " + array(PACKAGES, 1 + r.nextInt(2)), "glibc = " + string(pick(List.of("2.31", "banana", "2.36"))),
            "cflags = \"-O2\"", "build = \"not a table\""))).append('\n');
      }
      String sub = pick(sections);
      if (!sub.equals("project")) {
        keys(sb, sub, typed, sub + ".");
      }
    }
    return sb.toString();
  }

  private void keys(StringBuilder sb, String section, boolean typed, String prefix) {
    Map<String, String> known = schema.getOrDefault(section, Map.of());
    List<String> names = new ArrayList<>(known.keySet());
    java.util.Collections.shuffle(names, r);
    for (int n = 1 + r.nextInt(4); n > 0 && !(typed && names.isEmpty()); n--) {
      boolean unknown = names.isEmpty() || r.nextInt(typed ? 60 : 10) == 0;
      String key = unknown ? pick(List.of("comand", "artifact", "timeout ", "x.y", "\u0000", "ключ", ""))
          : typed ? names.remove(names.size() - 1) : pick(names);
      String type = unknown ? "any" : known.get(key);
      sb.append(prefix).append(key(key)).append(" = ").append(value(type, typed)).append('\n');
    }
  }

  /** A TOML value: of {@code type} when typed, else of any type. */
  private String value(String type, boolean typed) {
    if (!typed || type.equals("any")) {
      return switch (r.nextInt(9)) {
        case 0 -> string(any());
        case 1 -> number();
        case 2 -> r.nextBoolean() ? "true" : "false";
        case 3 -> array(HOSTILE, r.nextInt(4));
        case 4 -> "[" + number() + ", " + string(any()) + "]";
        case 5 -> "{ " + key(pick(ENV_NAMES)) + " = " + string(any()) + " }";
        case 6 -> pick(List.of("1979-05-27T07:32:00Z", "07:32:00", "1979-05-27", "inf", "-inf", "nan", "3.14", "1e400"));
        case 7 -> "[[[[[[[[1]]]]]]]]";
        default -> "{}";
      };
    }
    if (r.nextInt(12) > 0) {
      return valid(type);
    }
    return switch (type) {
      case "string" -> string(r.nextBoolean() ? any() : plausible("-O2", "-march=native", "x"));
      case "bool" -> r.nextBoolean() ? "true" : "false";
      case "int" -> r.nextBoolean() ? String.valueOf(r.nextInt(6)) : number();
      case "duration" -> r.nextBoolean() ? number()
          : string(pick(List.of("90s", "10m", "1h", "7d", "8d", "0", "-1", "99999999999999999999h", "1m30s", "ms", "1.5h", "2s")));
      case "package-list" -> array(PACKAGES, r.nextInt(3));
      case "glob-list" -> array(GLOBS, r.nextInt(3));
      case "string-list" -> array(HOSTILE, r.nextInt(3));
      case "argv" -> array(List.of("make", "sh", "-c", "true", "$(id)", "\u0000", ""), r.nextInt(3));
      case "string-map", "env-map" -> {
        StringBuilder sb = new StringBuilder("{ ");
        for (int n = r.nextInt(3); n > 0; n--) {
          sb.append(key(pick(ENV_NAMES) + (n > 1 ? n : ""))).append(" = ").append(r.nextInt(5) == 0 ? number() : string(any()))
              .append(n > 1 ? ", " : " ");
        }
        yield sb.append('}').toString();
      }
      case "glibc-floor", "version" -> string(pick(List.of("2.31", "2.36", "2.17", "banana", "2", "99999.99999", "2.31.1", "")));
      default -> type.startsWith("enum:")
          ? string(r.nextInt(4) == 0 ? any() : pick(List.of(type.substring(5).split("\\|"))))
          : string(any());
    };
  }

  /** A value crosskit should accept for {@code type}. */
  private String valid(String type) {
    return switch (type) {
      case "string" -> string(plausible("-O2", "-O2 -g", "my-app", "2.0", "{name}-{version}-{target}", "ünïcödé 😀"));
      case "bool" -> r.nextBoolean() ? "true" : "false";
      case "int" -> String.valueOf(1 + r.nextInt(4));
      case "duration" -> r.nextBoolean() ? String.valueOf(1 + r.nextInt(3600)) : string(plausible("90s", "10m", "1h", "1m30s", "7d"));
      case "package-list" -> array(List.of("zlib1g-dev", "libssl-dev", "libstdc++-12-dev"), r.nextInt(3));
      case "glob-list" -> array(List.of("hello", "lib*.so*", "**/bin/*", "*.{exe,dll}", "[!t]*"), r.nextInt(3));
      case "string-list" -> array(List.of("a", "feature-x", "tag one", "ünï"), r.nextInt(3));
      case "argv" -> array(List.of("make", "-j4", "check", "sh", "-c", "true"), 1 + r.nextInt(3));
      case "string-map", "env-map" -> "{ CFLAGS = " + string(plausible("-O2", "-O2 -DX=\"y\"")) + ", LANG = \"C\" }";
      case "glibc-floor" -> string(plausible("2.31", "2.36"));
      case "version" -> string(plausible("2.31", "2.36", "3.4.29"));
      case "path" -> string(plausible("link/app.ld", "ld/board ünï.ld"));
      default -> type.startsWith("enum:") ? string(pick(List.of(type.substring(5).split("\\|")))) : string("x");
    };
  }

  private List<String> targets() {
    return r.nextInt(20) == 0 ? BAD_TARGETS : VALID_TARGETS;
  }

  private String any() {
    return r.nextInt(4) == 0 ? randomText() : pick(HOSTILE);
  }

  private String randomText() {
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(20); n > 0; n--) {
      sb.appendCodePoint(switch (r.nextInt(4)) {
        case 0 -> r.nextInt(0x20);
        case 1 -> 0x20 + r.nextInt(0x5f);
        case 2 -> 0xa0 + r.nextInt(0x2000);
        default -> 0x1f600 + r.nextInt(0x50);
      });
    }
    return sb.toString();
  }

  private String plausible(String... choices) {
    return choices[r.nextInt(choices.length)];
  }

  private String number() {
    return pick(List.of("0", "-1", "1", "5", "120", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
        "0x7fffffff", "0o777", "1_000_000", "3.5", "1e400", "-0", "+7"));
  }

  private String array(List<String> pool, int n) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(string(pick(pool)));
    }
    return "[" + String.join(", ", items) + "]";
  }

  /** A key: bare when TOML allows, else a quoted string. */
  private String key(String k) {
    return k.matches("[A-Za-z0-9_-]+") ? k : string(k);
  }

  /** A TOML basic string with every character that needs it escaped. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        sb.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.append('"').toString();
  }

  private String mutate(String text) {
    StringBuilder sb = new StringBuilder(text);
    for (int n = 1 + r.nextInt(5); n > 0; n--) {
      int at = sb.isEmpty() ? 0 : r.nextInt(sb.length());
      switch (r.nextInt(5)) {
        case 0 -> sb.insert(at, pick(List.of("[", "]", "{", "}", "=", "\"", "'", "\n", "#", "\\", "\u0000", ".", ",", "ü", "\"\"\"",
            "[[", "]]", "\n[target.arm64]\n", "\nbuild.timeout = 1\n")));
        case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(8)));
        case 2 -> {
          int end = sb.indexOf("\n", at);
          if (end > 0) {
            sb.insert(end, sb.substring(Math.max(0, sb.lastIndexOf("\n", at)), end));
          }
        }
        case 3 -> {
          if (!sb.isEmpty()) {
            sb.setCharAt(at, (char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0xd800)));
          }
        }
        default -> sb.insert(at, r.nextInt(10));
      }
    }
    return sb.toString();
  }

  private <T> T pick(List<T> list) {
    return list.get(r.nextInt(list.size()));
  }
}
