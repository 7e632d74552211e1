package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.report.Table;
import dev.crosskit.target.Resolution;
import dev.crosskit.target.Scheme;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit targets}: the catalog, one target in every spelling, and conversions. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = "List the targets crosskit knows, show one in every naming scheme, or convert a name.",
    subcommands = {TargetsCommand.Show.class, TargetsCommand.Convert.class},
    footer = {"", "Examples:",
        "  crosskit targets",
        "  crosskit targets show linux/arm/v7",
        "  crosskit targets convert aarch64-unknown-linux-musl --to go,docker,debian",
        "  crosskit targets --json"})
final class TargetsCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Target> all = TargetResolver.builtIn().catalog().all();
    HostSupport here = HostSupport.of(Main.host(spec));
    if (json.json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Target t : all) {
        Map<String, Object> m = describe(t);
        m.put("buildHere", here.build(t));
        m.put("testHere", here.test(t));
        list.add(m);
      }
      out.println(Json.write(list));
      return ExitCodes.OK;
    }
    Table table = new Table("TARGET", "ARCH", "OS", "LIBC", "FLOAT", "GNU TRIPLE", "RUST", "BUILD HERE", "TEST HERE (HOW)");
    for (Target t : all) {
      table.row(t.name(), t.variant() != null ? t.variant() : t.arch(), t.os(), t.libc(), t.floatAbi(),
          t.gnuTriple(), t.rustTriple(), here.build(t), here.test(t));
    }
    out.print(table.render());
    out.println();
    out.println("BUILD HERE/TEST HERE: what this host has now; 'crosskit doctor TARGET' says what is missing and how to fix it.");
    out.println("Any spelling works where a target is expected: 'crosskit targets show SPELLING' shows how it resolves.");
    out.println(DoctorCommand.glibcFloors());
    return ExitCodes.OK;
  }

  static Map<String, Object> describe(Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("arch", t.arch());
    m.put("variant", t.variant());
    m.put("vendor", t.vendor());
    m.put("os", t.os());
    m.put("libc", t.libc());
    m.put("floatAbi", t.floatAbi());
    m.put("endian", t.endian());
    m.put("bits", t.bits());
    Map<String, String> names = new LinkedHashMap<>();
    for (Scheme s : Scheme.values()) {
      s.render(t).ifPresent(v -> names.put(s.key(), v));
    }
    m.put("names", names);
    m.put("aliases", t.aliases());
    return m;
  }

  static Resolution resolve(PrintWriter err, String spelling) {
    Resolution r = TargetResolver.builtIn().resolve(spelling);
    r.note().ifPresent(n -> err.println("crosskit: note: " + n));
    return r;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one target in every naming scheme.",
      footer = {"", "Examples:", "  crosskit targets show armhf", "  crosskit targets show 'GOOS=linux GOARCH=arm64' --json"})
  static final class Show implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Any spelling of a target.",
        completionCandidates = CompletionCandidates.Targets.class)
    String target;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Resolution r = resolve(spec.commandLine().getErr(), target);
      Target t = r.target();
      if (json.json) {
        Map<String, Object> m = describe(t);
        m.put("input", r.input());
        m.put("alternatives", r.alternatives().stream().map(Target::name).toList());
        out.println(Json.write(m));
        return ExitCodes.OK;
      }
      out.println(t.name() + "  (" + t.arch() + (t.variant() != null ? " " + t.variant() : "") + ", " + t.bits()
          + "-bit " + t.endian() + "-endian, " + t.os() + ", " + t.libc()
          + (t.floatAbi() != null ? ", " + t.floatAbi() + " float" : "") + ")");
      Table table = new Table("SCHEME", "NAME");
      for (Scheme s : Scheme.values()) {
        table.row(s.title(), s.render(t).orElse("(none)"));
      }
      out.print(table.render());
      if (!t.aliases().isEmpty()) {
        out.println("Also accepted: " + String.join(", ", t.aliases()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Write a target's name in other naming schemes.",
      footer = {"", "Schemes: name, gnu, llvm, rust, zig, go, docker, debian, multiarch, uname, cmake, meson, qemu, elf, pe, macho, maven, javacpp.",
          "", "Examples:", "  crosskit targets convert armv7-unknown-linux-gnueabihf --to docker",
          "  crosskit targets convert linux/arm64+musl --to rust,zig"})
  static final class Convert implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Any spelling of a target.",
        completionCandidates = CompletionCandidates.Targets.class)
    String target;

    @Option(names = "--to", required = true, split = ",", paramLabel = "SCHEME",
        description = "One or more schemes, comma-separated.",
        completionCandidates = CompletionCandidates.Schemes.class)
    List<String> schemes;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Target t = resolve(spec.commandLine().getErr(), target).target();
      Map<String, String> converted = new LinkedHashMap<>();
      for (String key : schemes) {
        Scheme s = Scheme.fromKey(key).orElseThrow(() -> new BadInputException("unknown scheme '" + key
            + "'; use one of: name, gnu, llvm, rust, zig, go, docker, debian, multiarch, uname, cmake, meson, qemu, elf, pe, macho, maven, javacpp"));
        converted.put(s.key(), s.render(t).orElse(null));
      }
      if (json.json) {
        out.println(Json.write(converted));
      } else if (converted.size() == 1) {
        String v = converted.values().iterator().next();
        if (v == null) {
          throw new BadInputException(t.name() + " has no " + schemes.get(0) + " name");
        }
        out.println(v);
      } else {
        converted.forEach((k, v) -> out.println(k + ": " + (v == null ? "(none)" : v)));
      }
      return ExitCodes.OK;
    }
  }
}
