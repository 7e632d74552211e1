package dev.crosskit.host;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.cache.CompileCache;
import dev.crosskit.cache.ConfigureCache;
import dev.crosskit.base.HostTools;
import dev.crosskit.base.Lazy;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.Runners;
import dev.crosskit.emulate.WineRunner;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.rust.CargoEnvironment;
import dev.crosskit.rust.RustStd;
import dev.crosskit.sdk.LlvmDarwinTools;
import dev.crosskit.sdk.MacSdkProvider;
import dev.crosskit.sdk.SdkStore;
import dev.crosskit.sysroot.BuildSysroots;
import dev.crosskit.sysroot.SysrootPins;
import dev.crosskit.sysroot.SysrootStore;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.SysrootProvider;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainData;
import dev.crosskit.toolchain.ToolchainFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * This machine as crosskit uses it, wired in one place: crosskit's cache, the process runner
 * every external program goes through, the programs on the PATH, the toolchain data, the runners
 * (native, QEMU, Wine), binfmt_misc, the sysroot store, the macOS SDKs and the Rust standard libraries.
 *
 * <p>The command line builds one per invocation ({@link #system}) and hands it to every command,
 * so {@code env}, {@code toolchain-file}, {@code doctor}, {@code run} and {@code build} see the same
 * toolchains. A test builds one over its own cache, PATH, binfmt_misc directory or process runner.
 * Building a Host starts no process and touches no file.
 */
public final class Host {
  private final Path home;
  private final ProcessRunner processes;
  private final HostTools tools;
  private final Lazy<ToolchainData> data;
  private final Binfmt binfmt;
  private final Consumer<String> progress;
  private final Lazy<Runners> runners;
  private final Lazy<RustStd> rustStd;
  private final Lazy<BuildSysroots> defaultSysroots;
  private final Map<String, String> environment;
  private volatile Map<String, SysrootPins> sysrootPins = Map.of();

  /** A host whose environment (SDKROOT) is this process's. */
  public Host(Path home, Path userHome, ProcessRunner processes, HostTools tools, Binfmt binfmt,
      Consumer<String> progress) {
    this(home, userHome, processes, tools, binfmt, progress, System.getenv());
  }

  /**
   * @param home crosskit's cache directory ({@link CrosskitHome})
   * @param userHome the user's home (where rustup keeps its toolchains)
   * @param progress where downloads and source builds report what they do (the CLI: standard error)
   * @param environment the variables crosskit itself reads from the environment (SDKROOT)
   */
  public Host(Path home, Path userHome, ProcessRunner processes, HostTools tools, Binfmt binfmt,
      Consumer<String> progress, Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.home = home;
    this.processes = processes;
    this.tools = tools;
    // The catalogs are read (with Jackson) by the first command that needs them, not here:
    // --version, --help and inspect never do.
    this.data = Lazy.of(ToolchainData::builtIn);
    this.binfmt = binfmt;
    this.progress = progress;
    this.runners = Lazy.of(() -> new Runners(data.get(), tools, home));
    processes.allowLingering(WineRunner::isHelper);
    this.rustStd = Lazy.of(() -> new RustStd(home, userHome, processes));
    // env and toolchain-file give C++ too: for musl that means crosskit's libstdc++, built on first use.
    this.defaultSysroots = Lazy.of(() -> buildSysroots(List.of(), null, true, progress));
  }

  /** This machine: $CROSSKIT_HOME (or the XDG cache), $PATH, /proc's binfmt_misc, real processes. */
  public static Host system(Consumer<String> progress) {
    return system(CrosskitHome.dir(), progress);
  }

  /** This machine with another cache directory (a throw-away one, for the AOT cache's training run). */
  public static Host system(Path home, Consumer<String> progress) {
    return new Host(home, Path.of(System.getProperty("user.home")), new ProcessRunner(), HostTools.system(),
        Binfmt.system(), progress);
  }

  public Path home() {
    return home;
  }

  public ProcessRunner processes() {
    return processes;
  }

  public HostTools tools() {
    return tools;
  }

  public ToolchainData toolchainData() {
    return data.get();
  }

  public Binfmt binfmt() {
    return binfmt;
  }

  public Runners runners() {
    return runners.get();
  }

  public RustStd rustStd() {
    return rustStd.get();
  }

  /** The runner for a target's programs here (see {@link Runners#find}). */
  public Optional<Runner> runner(Target target, Toolchain toolchain) {
    return runners().find(target, toolchain);
  }

  /** The sysroot store in the cache, reporting to the host's progress sink. */
  public SysrootStore sysroots() {
    return sysroots(progress);
  }

  /** The same store, reporting elsewhere (a build's provision log). */
  public SysrootStore sysroots(Consumer<String> progress) {
    return new SysrootStore(home, processes, progress, sysrootPins);
  }

  /**
   * From now on, sysroots are made of exactly these packages (crosskit.lock's, under
   * {@code --locked}), by target name. Called before anything asks for a sysroot.
   */
  public void pinSysroots(Map<String, SysrootPins> pins) {
    this.sysrootPins = Map.copyOf(pins);
  }

  /**
   * The sysroots a build's settings call for (musl; Debian packages or a glibc floor for glibc
   * targets), made on first use.
   */
  public BuildSysroots buildSysroots(List<String> packages, String glibcFloor, Consumer<String> progress) {
    return buildSysroots(packages, glibcFloor, false, progress);
  }

  /** The same, with C++ where it costs a build (musl's libstdc++) or packages (a glibc floor's) when {@code cxx}. */
  public BuildSysroots buildSysroots(List<String> packages, String glibcFloor, boolean cxx, Consumer<String> progress) {
    return new BuildSysroots(sysroots(progress), processes, packages, glibcFloor, cxx);
  }

  /**
   * The toolchains a build without extra packages gets, making a missing musl sysroot on first
   * use: what {@code env}, {@code toolchain-file} and the build itself agree on.
   */
  public ToolchainFinder finder() {
    return finder(withMacSdk(defaultSysroots.get(), null, null));
  }

  /**
   * The same toolchains without downloading anything: a sysroot a build would make counts as
   * "available on first build" ({@code doctor}, {@code targets}).
   */
  public ToolchainFinder finderWithoutDownloads() {
    return finder(SysrootProvider.firstOf(BuildSysroots.onFirstBuild(sysroots()), macSdks(null, null, false)));
  }

  /** The macOS SDKs added with {@code crosskit sdk add}, in the cache. */
  public SdkStore sdks() {
    return new SdkStore(home.resolve("sdks"));
  }

  /**
   * The macOS SDK for Darwin targets as a sysroot provider.
   *
   * @param sdk {@code [build] sdk} (a directory, or the version of an added SDK), or null
   * @param macos {@code [build] macos} (the deployment target), or null for the catalog's default
   * @param required whether a missing SDK is an error (builds) or a gap to report (doctor, targets)
   */
  public MacSdkProvider macSdks(String sdk, String macos, boolean required) {
    return new MacSdkProvider(sdks(), environment, new LlvmDarwinTools(tools), sdk, macos, required);
  }

  /** A build's sysroots with the macOS SDK its settings name for Darwin targets. */
  public SysrootProvider withMacSdk(SysrootProvider sysroots, String sdk, String macos) {
    return SysrootProvider.firstOf(sysroots, macSdks(sdk, macos, true));
  }

  /** Only what is installed: Debian's cross toolchains with their own sysroots, nothing from the cache. */
  public ToolchainFinder installedFinder() {
    return finder(SysrootProvider.none());
  }

  public ToolchainFinder finder(SysrootProvider sysroots) {
    return new ToolchainFinder(data.get(), tools, sysroots);
  }

  /** The compile cache (ccache) in crosskit's cache. */
  public CompileCache compileCache() {
    return new CompileCache(home, tools);
  }

  /** The configure cache (compile-check results) in crosskit's cache. */
  public ConfigureCache configureCache() {
    return new ConfigureCache(home);
  }

  /** What Cargo needs for a target: the std (provided on demand), the musl linker, Wine's stub DLL. */
  public CargoEnvironment cargoEnvironment() {
    return new CargoEnvironment(rustStd.get(), sysroots(line -> { }), processes, home);
  }
}
