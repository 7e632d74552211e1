package dev.crosskit.sysroot;

import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One libstdc++ build for one musl target, into a staging directory: gcc's libstdc++-v3 alone,
 * configured and compiled by the host's gcc cross compiler with the sysroot's C specs (so the
 * build sees only its own C++ headers and musl's C headers, never the glibc libstdc++ of the
 * cross compiler), then the unwinder pieces the C++ specs link (libgcc_eh.a and, for some
 * targets, more). Every step is a process through the store's runner, with the recipe's
 * timeout, its output in one log file.
 */
final class LibstdcxxBuild {
  private final SysrootStore store;
  private final MuslCxxRecipe recipe;
  private final MuslCxxRecipe.Entry entry;
  private final MuslToolchain c;
  private final String prefix;
  private final Path work;
  private final Path log;

  /**
   * @param c the target's C toolchain (the sysroot's specs and the target's cflags)
   * @param prefix the gcc cross compiler's prefix, e.g. {@code aarch64-linux-gnu-}
   * @param work a scratch directory (the caller deletes it)
   * @param log where every step's output goes
   */
  LibstdcxxBuild(SysrootStore store, MuslCxxRecipe recipe, MuslCxxRecipe.Entry entry, MuslToolchain c, String prefix,
      Path work, Path log) {
    this.store = store;
    this.recipe = recipe;
    this.entry = entry;
    this.c = c;
    this.prefix = prefix;
    this.work = work;
    this.log = log;
  }

  /** Builds and installs into {@code out}: include/c++/<v>/, lib/libstdc++.a, lib/libsupc++.a, lib/libgcc_eh.a, ... */
  void run(GccSource source, Path out) throws IOException {
    Path obj = Files.createDirectories(work.resolve("obj/libstdc++-v3"));
    // libstdc++'s configure decides whether threads exist (std::thread, std::mutex) by compiling
    // gthr.h with -I../libgcc, where a full gcc build has gthr-default.h. Without it the test
    // fails silently and every thread facility is configured out.
    Path libgcc = Files.createDirectories(work.resolve("obj/libgcc"));
    Files.copy(source.tree().resolve("libgcc/gthr-posix.h"), libgcc.resolve("gthr-default.h"));
    step("configure", configureArgv(source), obj);
    for (String dir : recipe.subdirs()) {
      step("make " + dir, List.of("make", "-C", dir, "-j" + jobs()), obj);
    }
    for (String dir : recipe.subdirs()) {
      step("make install " + dir, List.of("make", "-C", dir, "install", "DESTDIR=" + out), obj);
    }
    try (Stream<Path> la = Files.list(out.resolve("lib"))) {
      for (Path p : la.filter(f -> f.getFileName().toString().endsWith(".la")).toList()) {
        Files.delete(p);
      }
    }
    requireThreads(out);
    if (entry.unwinder() != null) {
      unwinderFromOtherArch(out.resolve("lib"));
    } else {
      unwinderFromCrossGcc(out.resolve("lib"));
    }
  }

  private List<String> configureArgv(GccSource source) {
    String flags = c.cflags().isEmpty() ? "" : " " + String.join(" ", c.cflags());
    List<String> argv = new ArrayList<>(List.of(source.tree().resolve("libstdc++-v3/configure").toString(),
        "--host=" + entry.host(), "--build=x86_64-linux-gnu"));
    argv.addAll(recipe.configure());
    // The C specs have -nostdinc and musl's crt files; LDFLAGS=-static makes configure's link
    // tests work (a musl sysroot has no libc.so), so features are detected, not guessed.
    argv.addAll(List.of("CC=" + c.ccString() + flags, "CXX=" + prefix + "g++ " + String.join(" ", c.cc().subList(1, c.cc().size()))
        + flags, "AR=" + prefix + "ar", "RANLIB=" + prefix + "ranlib", "NM=" + prefix + "nm", "LD=" + prefix + "ld",
        "AS=" + prefix + "as", "CFLAGS=-O2", "CXXFLAGS=-O2", "LDFLAGS=-static"));
    return argv;
  }

  /** A libstdc++ without gthreads would compile user code that uses std::thread into errors: refuse it here. */
  private void requireThreads(Path out) throws IOException {
    Path config = out.resolve("include/c++/" + recipe.gccVersion() + "/" + entry.host() + "/bits/c++config.h");
    if (!Files.isRegularFile(config) || !Files.readString(config).contains("#define _GLIBCXX_HAS_GTHREADS 1")) {
      throw new FailedException("the libstdc++ built for " + entry.target() + " has no thread support ("
          + config + " lacks _GLIBCXX_HAS_GTHREADS); see " + log);
    }
  }

  /**
   * The cross gcc's libgcc_eh.a, copied. gcc 12's DWARF unwinder was built against glibc and
   * calls {@code _dl_find_object}; then crosskit's shim (over dl_iterate_phdr) goes into the copy,
   * and its table of strong pthread references makes a static link bring musl's in (libgcc_eh
   * references them only weakly). ARM's EHABI unwinder does not call it and is copied as it is.
   */
  private void unwinderFromCrossGcc(Path lib) throws IOException {
    List<String> print = new ArrayList<>(List.of(prefix + "gcc"));
    print.addAll(c.cflags());
    print.add("-print-file-name=libgcc_eh.a");
    Path eh = Path.of(capture("find libgcc_eh.a", print).output().strip());
    if (!eh.isAbsolute() || !Files.isRegularFile(eh)) {
      throw new FailedException(prefix + "gcc has no libgcc_eh.a, which C++ exceptions need");
    }
    Path copy = lib.resolve("libgcc_eh.a");
    Files.copy(eh, copy);
    // The whole nm output is read (a pipe closed early would look like "no match").
    if (capture("nm libgcc_eh.a", List.of(prefix + "nm", copy.toString())).output().contains(" U _dl_find_object")) {
      Path o = compileResource(MuslCxxToolchain.SHIM, work);
      step("add the shim to libgcc_eh.a", List.of(prefix + "ar", "rs", copy.toString(), o.toString()), work);
    }
  }

  /** Compiles one of crosskit's C sources (a resource path) for the target with the C specs, into {@code dir}. */
  private Path compileResource(String resource, Path dir) throws IOException {
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    Path source = work.resolve(name);
    try (InputStream in = MuslCxxToolchain.resource(resource)) {
      Files.copy(in, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path o = dir.resolve(name.replaceAll("\\.c$", ".o"));
    List<String> cc = new ArrayList<>(c.cc());
    cc.addAll(c.cflags());
    cc.addAll(List.of("-O2", "-c", source.toString(), "-o", o.toString()));
    step("compile " + name, cc, work);
    return o;
  }

  /**
   * armv6: armhf's libgcc_eh.a and __sync helpers are ARMv7 Thumb-2 code (SIGBUS at the first
   * throw, SIGSEGV in an atomic on an ARMv6 CPU). armel's are ARMv5TE ARM code: its whole
   * libgcc_eh.a, and the kernel-helper __sync_* objects of its libgcc.a as libatomic-ops.a, with
   * .ARM.attributes removed (the soft-float tag means nothing: the EHABI unwinder saves VFP
   * registers with generic coprocessor instructions and passes no floats).
   */
  private void unwinderFromOtherArch(Path lib) throws IOException {
    MuslCxxRecipe.Unwinder u = entry.unwinder();
    PrivateApt apt = PrivateApt.binaries(MuslSysroots.suite(), u.debianArch(), store.aptDir(), store.runner(),
        store.progress());
    PrivateApt.Downloaded got;
    try (CacheLock lock = apt.lock()) {
      apt.update(false);
      got = apt.download(apt.exact(List.of(u.debianPackage())));
    }
    Path unpacked = Files.createDirectories(work.resolve(u.debianArch()));
    DebExtractor.extractDeb(got.debs().get(0), unpacked);
    Path eh = find(unpacked, "libgcc_eh.a");
    Path libgcc = eh.resolveSibling("libgcc.a");
    Path members = Files.createDirectories(work.resolve(u.debianArch() + "-objects"));
    String ar = prefix + "ar";
    List<String> ehMembers = capture("list libgcc_eh.a", List.of(ar, "t", eh.toString())).output().lines()
        .filter(l -> !l.isBlank()).toList();
    step("extract libgcc_eh.a", List.of(ar, "x", eh.toString()), members);
    List<String> x = new ArrayList<>(List.of(ar, "x", libgcc.toString()));
    x.addAll(u.atomics());
    step("extract the __sync helpers", x, members);
    List<String> all = new ArrayList<>(ehMembers);
    all.addAll(u.atomics());
    for (String o : all) {
      step("objcopy " + o, List.of(prefix + "objcopy", "--remove-section=.ARM.attributes", o), members);
    }
    List<String> packEh = new ArrayList<>(List.of(ar, "rcs", lib.resolve("libgcc_eh.a").toString()));
    packEh.addAll(ehMembers);
    step("archive libgcc_eh.a", packEh, members);
    List<String> packAtomics = new ArrayList<>(List.of(ar, "rcs", lib.resolve(MuslCxxToolchain.ATOMIC_OPS).toString()));
    packAtomics.addAll(u.atomics());
    if (u.atomics64() != null) {
      packAtomics.add(compileResource(u.atomics64(), members).getFileName().toString());
    }
    step("archive " + MuslCxxToolchain.ATOMIC_OPS, packAtomics, members);
  }

  private static Path find(Path root, String name) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals(name)).findFirst()
          .orElseThrow(() -> new FailedException("no " + name + " in the unpacked package under " + root));
    }
  }

  static int jobs() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Runs one step with its output appended to the log; a failure names the step and shows the log's end. */
  private void step(String name, List<String> argv, Path cwd) {
    Command cmd = new Command(argv, env(), cwd, recipe.stepTimeout());
    appendLog("$ " + cmd.display());
    Result r;
    try (Heartbeat beat = new Heartbeat("libstdc++ for " + entry.target() + ": " + name, store.progress())) {
      r = store.runner().toLog(cmd, log);
    }
    if (!r.ok()) {
      throw new FailedException("building libstdc++ for " + entry.target() + " failed at " + name
          + (r.timedOut() ? " (timed out after " + recipe.stepTimeout().toMinutes() + " min, process tree killed)"
              : " (exit " + r.exitCode() + ")") + "; log: " + log + "\n" + tail());
    }
  }

  private Result capture(String name, List<String> argv) {
    Result r = store.runner().capture(new Command(argv, env(), work, Duration.ofMinutes(2)));
    if (!r.ok()) {
      throw new FailedException("building libstdc++ for " + entry.target() + " failed at " + name + ": " + r.tail(5));
    }
    return r;
  }

  /**
   * The build's environment: C locale, no site file, and the variables a configure or make would
   * otherwise pick up from the caller's shell (CPPFLAGS, MAKEFLAGS of an enclosing make, ...) removed.
   */
  private static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LC_ALL", "C");
    env.put("CONFIG_SITE", "/dev/null");
    for (String v : List.of("CPPFLAGS", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "LIBRARY_PATH", "MAKEFLAGS",
        "MFLAGS", "GCC_EXEC_PREFIX")) {
      env.put(v, null); // null: removed from the inherited environment
    }
    return env;
  }

  private void appendLog(String line) {
    try {
      Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
