package dev.crosskit.sdk;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.ProvidedSysroot;
import dev.crosskit.toolchain.SysrootProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The macOS SDK as the sysroot of Darwin targets, with what every build system needs to use it:
 * {@code -isysroot} and {@code -mmacosx-version-min} for the compiler and the linker, CMake's
 * {@code CMAKE_OSX_*} variables, Apple's {@code SDKROOT} and {@code MACOSX_DEPLOYMENT_TARGET}
 * (which rustc and the cc crate read), and LLVM's stand-ins for Apple's install_name_tool, lipo,
 * otool and dsymutil.
 *
 * <p>Which SDK: the one the build's settings name ({@code [target.X] sdk}), else {@code SDKROOT}
 * (Apple's convention), else the newest added with {@code crosskit sdk add}.
 */
public final class MacSdkProvider implements SysrootProvider {
  private final SdkStore store;
  private final Map<String, String> environment;
  private final LlvmDarwinTools tools;
  private final String configuredSdk;
  private final String configuredMacos;
  private final boolean required;

  /**
   * @param environment where SDKROOT is read
   * @param configuredSdk {@code [build] sdk}, or null
   * @param configuredMacos {@code [build] macos}, or null for the catalog's default
   * @param required true for builds: no SDK is then a {@link NoSdkException} saying how to add one;
   *     false for {@code doctor} and {@code targets}, which report the gap instead
   */
  public MacSdkProvider(SdkStore store, Map<String, String> environment, LlvmDarwinTools tools, String configuredSdk,
      String configuredMacos, boolean required) {
    this.store = store;
    this.environment = Map.copyOf(environment);
    this.tools = tools;
    this.configuredSdk = configuredSdk;
    this.configuredMacos = configuredMacos;
    this.required = required;
  }

  @Override
  public Optional<ProvidedSysroot> sysrootFor(Target target) {
    if (!MacosDeployment.isMacos(target)) {
      return Optional.empty();
    }
    Optional<MacSdk> chosen = choose();
    if (chosen.isEmpty()) {
      if (required) {
        throw new NoSdkException(target.name());
      }
      return Optional.empty();
    }
    MacSdk sdk = chosen.get();
    String arch = target.field("appleArch").orElseThrow(() ->
        new IllegalStateException("targets.json: " + target.name() + " has no appleArch"));
    if (!sdk.supports(arch)) {
      throw new BadInputException(sdk.unsupported(arch) + "; give " + target.name() + " a newer SDK ([target."
          + target.name() + "] sdk = \"...\")");
    }
    Map<String, Path> llvm = tools.all();
    if (required && !llvm.containsKey("ld64")) {
      throw new FailedException("no ld64.lld to link " + target.name() + " programs with: apt-get install lld");
    }
    return Optional.of(provided(sdk, target, MacosDeployment.of(target, configuredMacos).orElseThrow(), arch, llvm));
  }

  /** Which SDK a build uses and why ({@code from}: the setting, {@code SDKROOT}, or the cache's newest). */
  public record Choice(MacSdk sdk, String from) {}

  /** The SDK a build uses, if any (see the class comment for the order). */
  public Optional<MacSdk> choose() {
    return choice().map(Choice::sdk);
  }

  public Optional<Choice> choice() {
    if (configuredSdk != null && !configuredSdk.isBlank()) {
      String what = "sdk = \"" + configuredSdk + "\"";
      return Optional.of(new Choice(store.resolve(configuredSdk, what), what));
    }
    String sdkroot = environment.get("SDKROOT");
    if (sdkroot != null && !sdkroot.isBlank()) {
      return Optional.of(new Choice(MacSdk.read(Path.of(sdkroot), "SDKROOT=" + sdkroot), "SDKROOT"));
    }
    return store.newest().map(sdk -> new Choice(sdk, "the newest in crosskit's cache"));
  }

  static ProvidedSysroot provided(MacSdk sdk, Target target, String minOs, String arch, Map<String, Path> llvm) {
    String root = sdk.root().toString();
    List<String> flags = List.of("-isysroot", root, "-mmacosx-version-min=" + minOs);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SDKROOT", root);
    env.put("MACOSX_DEPLOYMENT_TARGET", minOs);
    // autoconf's AC_CHECK_TOOL and libtool take these as given instead of looking for <host>-lipo and the like
    tool(env, llvm, "lipo", "LIPO");
    tool(env, llvm, "install_name_tool", "INSTALL_NAME_TOOL");
    tool(env, llvm, "otool", "OTOOL");
    tool(env, llvm, "otool", "OTOOL64");
    tool(env, llvm, "dsymutil", "DSYMUTIL");
    // libtool asks `$CC -print-prog-name=ld`, which names this host's GNU ld, and would then link
    // Darwin dylibs the GNU way (-shared -soname); clang links them through ld64.lld instead.
    env.put("lt_cv_prog_gnu_ld", "no");
    Map<String, String> cmake = new LinkedHashMap<>();
    cmake.put("CMAKE_OSX_SYSROOT", root);
    cmake.put("CMAKE_OSX_DEPLOYMENT_TARGET", minOs);
    cmake.put("CMAKE_OSX_ARCHITECTURES", arch);
    cmake.put("CMAKE_FIND_ROOT_PATH", root);
    tool(cmake, llvm, "install_name_tool", "CMAKE_INSTALL_NAME_TOOL");
    tool(cmake, llvm, "lipo", "CMAKE_LIPO");
    tool(cmake, llvm, "otool", "CMAKE_OTOOL");
    return new ProvidedSysroot(sdk.root(), flags, flags, false, env, cmake, Map.of(), List.of());
  }

  private static void tool(Map<String, String> into, Map<String, Path> llvm, String tool, String variable) {
    Path p = llvm.get(tool);
    if (p != null) {
      into.put(variable, p.toString());
    }
  }
}
