package dev.crosskit.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;

/**
 * The package structure of crosskit (docs/architecture.md): layers that only point down, no
 * cycle between packages, the command line on top of the core and used by nothing in it.
 * Checked over the compiled classes of both modules.
 */
@AnalyzeClasses(packages = "dev.crosskit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String CLI = "dev.crosskit.cli..";

  /** Every class belongs to a concern: the root package stays empty. */
  @ArchTest
  static final ArchRule noClassInTheRootPackage = noClasses().should().resideInAPackage("dev.crosskit");

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("dev.crosskit.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule coreDoesNotUseTheCommandLine = noClasses().that().resideOutsideOfPackage(CLI)
      .should().dependOnClassesThat().resideInAPackage(CLI);

  /**
   * Each layer uses only the layers below it (and its own). From the top: the command line;
   * the engines a command runs; build adapters and report writers; the host wiring ({@link Host});
   * what builds on toolchains (Rust std, toolchain files, the compile cache); sysroots and runners; toolchains, inspection and
   * configuration; the target catalog, processes and result records; the shared pieces.
   */
  @ArchTest
  static final ArchRule layersPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("cli").definedBy(CLI)
      .layer("engines").definedBy("dev.crosskit.pipeline..", "dev.crosskit.pack..", "dev.crosskit.image..",
          "dev.crosskit.doctor..", "dev.crosskit.shard..", "dev.crosskit.lock..", "dev.crosskit.ci..")
      .layer("builds").definedBy("dev.crosskit.build..", "dev.crosskit.report..")
      .layer("host").definedBy("dev.crosskit.host..")
      .layer("toolchain users").definedBy("dev.crosskit.rust..", "dev.crosskit.toolchainfile..", "dev.crosskit.cache..")
      .layer("sysroots and runners").definedBy("dev.crosskit.sysroot..", "dev.crosskit.sdk..", "dev.crosskit.emulate..")
      .layer("toolchains, inspection, config").definedBy("dev.crosskit.toolchain..", "dev.crosskit.inspect..",
          "dev.crosskit.config..")
      .layer("targets, processes, results").definedBy("dev.crosskit.target..", "dev.crosskit.exec..",
          "dev.crosskit.result..")
      .layer("base").definedBy("dev.crosskit.base..")
      .whereLayer("cli").mayNotBeAccessedByAnyLayer()
      .whereLayer("engines").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("builds").mayOnlyBeAccessedByLayers("cli", "engines")
      .whereLayer("host").mayOnlyBeAccessedByLayers("cli", "engines", "builds")
      .whereLayer("toolchain users").mayOnlyBeAccessedByLayers("cli", "engines", "builds", "host")
      .whereLayer("sysroots and runners").mayOnlyBeAccessedByLayers("cli", "engines", "builds", "host",
          "toolchain users")
      .whereLayer("toolchains, inspection, config").mayOnlyBeAccessedByLayers("cli", "engines", "builds", "host",
          "toolchain users", "sysroots and runners")
      .whereLayer("targets, processes, results").mayOnlyBeAccessedByLayers("cli", "engines", "builds", "host",
          "toolchain users", "sysroots and runners", "toolchains, inspection, config")
      .whereLayer("base").mayOnlyBeAccessedByLayers("cli", "engines", "builds", "host", "toolchain users",
          "sysroots and runners", "toolchains, inspection, config", "targets, processes, results");

  /**
   * Processes are started through the host's one ProcessRunner, which the Host makes (or a test
   * hands in): no other class makes its own.
   */
  @ArchTest
  static final ArchRule onlyTheHostMakesAProcessRunner = noClasses().that().doNotBelongToAnyOf(Host.class)
      .should().callConstructor(ProcessRunner.class);
}
