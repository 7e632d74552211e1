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
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code crosskit targets}: the catalog, one target in every spelling, and conversions. Its model
 * and its subcommands' are built in code ({@link CommandSpecs}), not from annotations: {@code
 * targets show} is run often and its start-up should not wait on picocli's annotation proxies.
 */
final class TargetsCommand implements Callable<Integer> {
  CommandSpec spec;

  final SharedOptions.Json json = new SharedOptions.Json();

  /** The model of {@code crosskit targets} and its subcommands. */
  static CommandSpec model() {
    TargetsCommand targets = new TargetsCommand();
    targets.spec = CommandSpecs.command("targets", targets,
        new String[] {"List the targets crosskit knows, show one in every naming scheme, or convert a name."},
        new String[] {"", "Examples:",
            "  crosskit targets",
            "  crosskit targets show linux/arm/v7",
            "  crosskit targets convert aarch64-unknown-linux-musl --to go,docker,debian",
            "  crosskit targets --json"},
        targets.json.option());
    targets.spec.addSubcommand("show", new CommandLine(Show.model()));
    targets.spec.addSubcommand("convert", new CommandLine(Convert.model()));
    return targets.spec;
  }

  /** The TARGET parameter of show and convert. */
  private static PositionalParamSpec targetParameter(Supplier<String> get, Consumer<String> set) {
    return CommandSpecs.parameters(String.class, get, set).required(true).paramLabel("TARGET").description("Any spelling of a target.")
        .completionCandidates(new CompletionCandidates.Targets()).build();
  }

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

  static final class Show implements Callable<Integer> {
    CommandSpec spec;

    String target;

    final SharedOptions.Json json = new SharedOptions.Json();

    static CommandSpec model() {
      Show show = new Show();
      show.spec = CommandSpecs.command("show", show, new String[] {"Show one target in every naming scheme."},
          new String[] {"", "Examples:", "  crosskit targets show armhf", "  crosskit targets show 'GOOS=linux GOARCH=arm64' --json"},
          targetParameter(() -> show.target, v -> show.target = v), show.json.option());
      return show.spec;
    }

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

  static final class Convert implements Callable<Integer> {
    CommandSpec spec;

    String target;

    List<String> schemes;

    final SharedOptions.Json json = new SharedOptions.Json();

    static CommandSpec model() {
      Convert convert = new Convert();
      OptionSpec to = CommandSpecs.<List<String>>option(List.class, () -> convert.schemes, v -> convert.schemes = v, "--to")
          .auxiliaryTypes(String.class).required(true).splitRegex(",").paramLabel("SCHEME")
          .description("One or more schemes, comma-separated.")
          .completionCandidates(new CompletionCandidates.Schemes()).build();
      convert.spec = CommandSpecs.command("convert", convert, new String[] {"Write a target's name in other naming schemes."},
          new String[] {"", "Schemes: name, gnu, llvm, rust, zig, go, docker, debian, multiarch, uname, cmake, meson, qemu, elf, pe, macho, maven, javacpp.",
              "", "Examples:", "  crosskit targets convert armv7-unknown-linux-gnueabihf --to docker",
              "  crosskit targets convert linux/arm64+musl --to rust,zig"},
          targetParameter(() -> convert.target, v -> convert.target = v), to, convert.json.option());
      return convert.spec;
    }

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
