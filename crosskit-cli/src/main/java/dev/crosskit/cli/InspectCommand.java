package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.base.UserException;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Finding;
import dev.crosskit.inspect.InOrderPool;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.inspect.NotABinaryException;
import dev.crosskit.inspect.Policy;
import dev.crosskit.inspect.PolicyChecker;
import dev.crosskit.inspect.PolicyFile;
import dev.crosskit.inspect.PolicyReader;
import dev.crosskit.inspect.PolicySettings;
import dev.crosskit.inspect.Severity;
import dev.crosskit.target.Boards;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code crosskit inspect}: static verification of ELF, PE and Mach-O files against a policy. Its
 * model is built in code ({@link CommandSpecs}), not from annotations: inspecting one binary takes
 * little more than the JVM's start-up, which picocli's annotation proxies would lengthen.
 */
final class InspectCommand implements Callable<Integer> {
  CommandSpec spec;

  List<Path> paths;

  String expect;

  Boolean requireStatic;

  String maxGlibc;

  String maxGlibcxx;

  List<String> allowLibs;

  String maxIsaLevel;

  Boolean requirePie;

  String requireRelro;

  Boolean requireNx;

  Boolean noRpath;

  Boolean noHostPaths;

  String maxMacos;

  String macosSdk;

  final SharedOptions.Board board = new SharedOptions.Board();

  Path policyFile;

  final SharedOptions.Json json = new SharedOptions.Json();

  boolean recursive;

  int benchRounds;

  /** The model of {@code crosskit inspect}, its options in the order the help and man page list them. */
  static CommandSpec model() {
    InspectCommand c = new InspectCommand();
    c.spec = CommandSpecs.command("inspect", c,
        new String[] {"Verify binaries without running them: architecture, libc, linkage, required glibc, "
            + "float ABI, ISA level, hardening and leaked host paths, checked against a target and a policy.",
            "Directories are walked (files directly in them; all levels with --recursive); non-binaries in them are "
            + "skipped quietly."},
        new String[] {"", "Examples:",
            "  crosskit inspect build/app",
            "  crosskit inspect --expect aarch64-linux-gnu --max-glibc 2.31 build/app",
            "  crosskit inspect --expect armv6-linux-gnueabihf --static dist/pi-tool",
            "  crosskit inspect --allow-lib 'libc.so.*' --allow-lib 'libm.so.*' --require-relro full bin/",
            "  crosskit inspect --policy release-policy.toml --recursive --json dist/ > facts.json",
            "  crosskit inspect --expect aarch64-apple-darwin --max-macos 11.0 --macos-sdk 14 dist/app",
            "",
            "Policy file (TOML, same keys as the flags; flags override it):",
            "  expect = \"aarch64-linux-gnu\"    max-glibc = \"2.31\"    static = false",
            "  allow-lib = [\"libc.so.6\", \"libm.so.6\"]    require-relro = \"full\"    no-host-paths = true",
            "",
            "Exit codes: 0 every check passed, 1 a check failed, 2 bad usage or only bad/unreadable inputs."},
        CommandSpecs.<List<Path>>parameters(List.class, () -> c.paths, v -> c.paths = v).auxiliaryTypes(Path.class)
            .arity("1..*").required(true).paramLabel("FILE|DIR").description("Binaries or directories to inspect.").build(),
        text("--expect", "T", () -> c.expect, v -> c.expect = v, "Target the binaries must be built for (any spelling).")
            .completionCandidates(new CompletionCandidates.Targets()).build(),
        flag("--static", () -> c.requireStatic, v -> c.requireStatic = v, "Require static linking."),
        text("--max-glibc", "X.Y", () -> c.maxGlibc, v -> c.maxGlibc = v, "Newest GLIBC_ symbol version allowed, e.g. 2.31.").build(),
        text("--max-glibcxx", "X.Y.Z", () -> c.maxGlibcxx, v -> c.maxGlibcxx = v, "Newest GLIBCXX_ version allowed, e.g. 3.4.28.").build(),
        CommandSpecs.<List<String>>option(List.class, () -> c.allowLibs, v -> c.allowLibs = v, "--allow-lib").auxiliaryTypes(String.class)
            .paramLabel("GLOB").description("Allowed needed library / DLL / dylib (repeatable).").build(),
        text("--max-isa-level", "LEVEL", () -> c.maxIsaLevel, v -> c.maxIsaLevel = v,
            "Highest x86-64 ISA level allowed: 1..4, v2, x86-64-v3.").build(),
        flag("--require-pie", () -> c.requirePie, v -> c.requirePie = v, "Require PIE (ELF), ASLR (PE) or MH_PIE (Mach-O)."),
        text("--require-relro", "LEVEL", () -> c.requireRelro, v -> c.requireRelro = v,
            "Require RELRO: partial or full (default when given without a value: full).")
            .arity("0..1").parameterConsumer(new RelroLevel()).build(),
        flag("--require-nx", () -> c.requireNx, v -> c.requireNx = v, "Require a non-executable stack (ELF) / NX_COMPAT (PE)."),
        flag("--no-rpath", () -> c.noRpath, v -> c.noRpath = v, "Fail binaries that carry RPATH/RUNPATH (LC_RPATH on Mach-O)."),
        flag("--no-host-paths", () -> c.noHostPaths, v -> c.noHostPaths = v,
            "Fail binaries that leak build-host paths (home, /tmp, CI dirs)."),
        text("--max-macos", "X.Y", () -> c.maxMacos, v -> c.maxMacos = v,
            "Newest minimum macOS a Mach-O file may require (LC_BUILD_VERSION minos), e.g. 11.0.").build(),
        text("--macos-sdk", "X.Y", () -> c.macosSdk, v -> c.macosSdk = v,
            "The macOS SDK a Mach-O file must have been linked against, e.g. 14.2 (14: any 14.x).").build(),
        c.board.option(),
        CommandSpecs.option(Path.class, () -> c.policyFile, v -> c.policyFile = v, "--policy").paramLabel("FILE")
            .description("TOML policy file with the same keys as the flags.").build(),
        c.json.option(),
        CommandSpecs.option(boolean.class, () -> c.recursive, v -> c.recursive = v, "-r", "--recursive")
            .description("Walk directories at every depth.").build(),
        CommandSpecs.option(int.class, () -> c.benchRounds, v -> c.benchRounds = v, "--bench-rounds").hidden(true).paramLabel("N")
            .description("Benchmark: inspect the files N times in-process and print files/s instead of results.").build());
    return c.spec;
  }

  /** A policy flag: unset (null) unless given, so that a policy file's value stands. */
  private static OptionSpec flag(String name, Supplier<Boolean> get, Consumer<Boolean> set, String description) {
    return CommandSpecs.option(Boolean.class, get, set, name).description(description).build();
  }

  /** An option with one text value. */
  private static OptionSpec.Builder text(String name, String label, Supplier<String> get, Consumer<String> set, String description) {
    return CommandSpecs.option(String.class, get, set, name).paramLabel(label).description(description);
  }

  /**
   * The level is optional, so the next argument is taken only when it is one: in
   * {@code --require-relro FILE} the file stays a file. A word that is no existing file is taken
   * too, so a misspelt level is reported as one.
   */
  static final class RelroLevel implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      String next = args.isEmpty() ? null : args.peek();
      boolean level = next != null && (List.of("partial", "full").contains(next)
          || !next.startsWith("-") && !Files.exists(Path.of(next), LinkOption.NOFOLLOW_LINKS));
      argSpec.setValue(level ? args.pop() : "full");
    }
  }

  /** A file to inspect; one found in a directory walk is skipped quietly when it is no binary. */
  private record Job(Path path, boolean fromDirectory) {}

  record FileResult(String path, BinaryFacts facts, List<Finding> findings, String error) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Policy policy = policy();
    if (board.name != null) {
      if (policy.expectTarget() == null) {
        throw new BadInputException("--board needs --expect with a bare-metal target");
      }
      policy = policy.withBoard(Boards.builtIn().choose(policy.expectTarget(), board.name, null, null));
    }
    // Files given by name first, then the directories' contents: the order of the output.
    List<Path> given = new ArrayList<>();
    List<Path> walked = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        walked.addAll(walk(p));
      } else {
        given.add(p);
      }
    }
    if (benchRounds > 0) {
      return InspectBench.run(walked, paths, benchRounds, out);
    }
    List<Job> jobs = new ArrayList<>();
    given.forEach(p -> jobs.add(new Job(p, false)));
    walked.forEach(p -> jobs.add(new Job(p, true)));
    Policy checked = policy;
    List<FileResult> results = new ArrayList<>();
    InspectJson jsonOut = json.json ? new InspectJson(out) : null;
    // Several files are inspected at once; results arrive in input order and JSON is streamed.
    InOrderPool.forEach(jobs, j -> inspectOne(j.path(), checked, j.fromDirectory()), r -> {
      if (r != null) {
        results.add(r);
        if (jsonOut != null) {
          jsonOut.add(r);
        }
      }
    });
    if (results.isEmpty()) {
      throw new BadInputException("no ELF, PE or Mach-O binaries found in " + paths
          + (recursive ? "" : " (use --recursive to walk subdirectories)"));
    }
    if (jsonOut != null) {
      jsonOut.finish();
    } else {
      InspectText.render(results, out);
    }
    for (FileResult r : results) {
      if (r.error() != null) {
        err.println("crosskit: " + r.error());
      }
    }
    return exitCode(results);
  }

  static int exitCode(List<FileResult> results) {
    boolean anyGood = results.stream().anyMatch(r -> r.error() == null);
    if (!anyGood) {
      return ExitCodes.USAGE;
    }
    boolean failed = results.stream().anyMatch(r -> r.error() != null
        || r.findings().stream().anyMatch(f -> f.severity() == Severity.FAIL));
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private static FileResult inspectOne(Path p, Policy policy, boolean fromDirectory) {
    try {
      BinaryFacts facts = Inspector.inspect(p);
      return new FileResult(p.toString(), facts, PolicyChecker.check(facts, policy), null);
    } catch (NotABinaryException e) {
      return fromDirectory ? null : new FileResult(p.toString(), null, List.of(), e.getMessage());
    } catch (UserException e) {
      return new FileResult(p.toString(), null, List.of(), e.getMessage());
    }
  }

  private List<Path> walk(Path dir) {
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      // Symlinks are skipped: libfoo.so -> libfoo.so.1 would otherwise be reported twice.
      return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException("cannot walk " + dir + ": " + e.getMessage());
    }
  }

  /** The flags given on the command line over the policy file's settings, read by the one policy reader. */
  Policy policy() {
    PolicySettings file = policyFile == null ? PolicySettings.NONE : PolicyFile.read(policyFile);
    return flags().over(file).toPolicy();
  }

  /** The flags given, as a table of policy keys (Jackson is loaded only when there are some). */
  private PolicySettings flags() {
    Map<String, Object> given = new LinkedHashMap<>();
    if (expect != null) {
      given.put("expect", expect);
    }
    if (requireStatic != null) {
      given.put("static", requireStatic);
    }
    if (maxGlibc != null) {
      given.put("max-glibc", maxGlibc);
    }
    if (maxGlibcxx != null) {
      given.put("max-glibcxx", maxGlibcxx);
    }
    if (allowLibs != null) {
      given.put("allow-lib", allowLibs);
    }
    if (maxIsaLevel != null) {
      given.put("max-isa-level", maxIsaLevel);
    }
    if (requirePie != null) {
      given.put("require-pie", requirePie);
    }
    if (requireRelro != null) {
      given.put("require-relro", requireRelro);
    }
    if (requireNx != null) {
      given.put("require-nx", requireNx);
    }
    if (noRpath != null) {
      given.put("no-rpath", noRpath);
    }
    if (noHostPaths != null) {
      given.put("no-host-paths", noHostPaths);
    }
    if (maxMacos != null) {
      given.put("max-macos", maxMacos);
    }
    if (macosSdk != null) {
      given.put("macos-sdk", macosSdk);
    }
    if (given.isEmpty()) {
      return PolicySettings.NONE;
    }
    try {
      return PolicyReader.full().read(Json.tree(given));
    } catch (PolicyReader.PolicyException e) {
      // "'max-glibc' must be ..." reads "--max-glibc must be ..." for a flag
      throw new BadInputException(e.getMessage().replaceFirst("^'" + e.key() + "'", "--" + e.key()));
    }
  }
}
