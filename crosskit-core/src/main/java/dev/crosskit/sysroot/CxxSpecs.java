package dev.crosskit.sysroot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gcc specs files as ordered sections ({@code *name:} then its body), and the C++ specs for a
 * musl target derived from the sysroot's C specs ({@code musl-gcc.specs}), so both always agree
 * on the sysroot's paths, crt files and replacement runtime. The C++ specs serve C too: one file
 * goes into CFLAGS, CXXFLAGS and LDFLAGS alike, and a build that links C with g++ (or loads the
 * file twice) gets the same answer. What changes:
 * <ul>
 *   <li>musl's and gcc's own header directories become {@code -idirafter} (under {@code -nostdinc}
 *       the same search order), so that libstdc++'s directories, given with {@code -isystem} in
 *       {@code *cc1plus} (which only the C++ compiler proper expands), come before them: its
 *       {@code <cstdlib>} and friends {@code #include_next} musl's C headers;</li>
 *   <li>{@code -L} to the new libstdc++ before everything else: gcc's own library directory holds
 *       Debian's libstdc++.a, built for glibc;</li>
 *   <li>libgcc_eh.a is crosskit's copy (with the {@code _dl_find_object} shim, or armel's for armv6),
 *       plus the target's extra runtime archives;</li>
 *   <li>{@code --eh-frame-hdr} for every link, static ones too: the unwinder finds a static
 *       program's unwind tables only through PT_GNU_EH_FRAME, and without it the first
 *       {@code throw} aborts.</li>
 * </ul>
 */
final class CxxSpecs {
  private CxxSpecs() {}

  /**
   * @param cSpecs the sysroot's C specs, as written into it
   * @param cxxRoot the C++ toolchain directory ({@code include/c++/<v>}, {@code lib/})
   * @param host libstdc++'s host triple (its target-specific header directory)
   * @param libgccBefore archives to link before libgcc.a (armv6: armel's __sync helpers)
   * @param libgccAfter spec items after libgcc_eh (riscv64: {@code libatomic.a%s})
   */
  static String derive(String cSpecs, String cxxRoot, String gccVersion, String host, List<String> libgccBefore,
      List<String> libgccAfter) {
    Map<String, String> s = parse(cSpecs);
    for (String name : List.of("cpp_options", "cc1")) {
      s.put(name, replaceOnce(s, name, " -isystem ", " -idirafter ").replace(" -isystem include%s", " -idirafter include%s"));
    }
    String inc = cxxRoot + "/include/c++/" + gccVersion;
    s.put("cc1plus", "%{!nostdinc++:-isystem " + inc + " -isystem " + inc + "/" + host + " -isystem " + inc + "/backward}");
    s.put("link_libgcc", "-L" + cxxRoot + "/lib " + body(s, "link_libgcc"));
    String libgcc = body(s, "libgcc");
    if (!libgcc.contains("libgcc.a%s")) {
      throw new IllegalStateException("musl-gcc.specs: *libgcc has no libgcc.a%s");
    }
    List<String> before = new ArrayList<>(libgccBefore);
    before.add("libgcc.a%s");
    List<String> after = new ArrayList<>(List.of(cxxRoot + "/lib/libgcc_eh.a"));
    after.addAll(libgccAfter);
    s.put("libgcc", libgcc.replace("libgcc.a%s", String.join(" ", before))
        .replace("%:if-exists(libgcc_eh.a%s)", String.join(" ", after)));
    s.put("link", replaceOnce(s, "link", " -nostdlib ", " -nostdlib --eh-frame-hdr "));
    return render(s);
  }

  /** Sections in file order; a body keeps its text without the trailing blank line. */
  static Map<String, String> parse(String specs) {
    Map<String, String> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : specs.split("\n", -1)) {
      if (line.startsWith("*") && line.endsWith(":")) {
        if (name != null) {
          out.put(name, body.toString().strip());
        }
        name = line.substring(1, line.length() - 1);
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      out.put(name, body.toString().strip());
    }
    return out;
  }

  static String render(Map<String, String> sections) {
    StringBuilder sb = new StringBuilder();
    sections.forEach((k, v) -> sb.append('*').append(k).append(":\n").append(v).append("\n\n"));
    return sb.toString();
  }

  private static String body(Map<String, String> s, String name) {
    String b = s.get(name);
    if (b == null) {
      throw new IllegalStateException("musl-gcc.specs has no *" + name + " section");
    }
    return b;
  }

  private static String replaceOnce(Map<String, String> s, String name, String from, String to) {
    String b = " " + body(s, name) + " ";
    if (!b.contains(from)) {
      throw new IllegalStateException("musl-gcc.specs: *" + name + " has no '" + from.strip() + "'");
    }
    return b.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)).strip();
  }
}
