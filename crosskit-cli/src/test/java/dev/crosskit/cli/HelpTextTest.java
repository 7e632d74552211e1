package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help text: every command's one-line summary (what a parent's command list shows) is a whole sentence. */
class HelpTextTest {
  private static void walk(CommandLine cli, List<CommandLine> all) {
    all.add(cli);
    cli.getSubcommands().values().stream().distinct().forEach(c -> walk(c, all));
  }

  @Test
  void everySummaryIsAWholeSentence() {
    List<CommandLine> all = new ArrayList<>();
    walk(Main.newCommandLine(null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
    assertThat(all).hasSizeGreaterThan(15);
    for (CommandLine c : all) {
      String[] description = c.getCommandSpec().usageMessage().description();
      assertThat(description).as(c.getCommandSpec().qualifiedName()).isNotEmpty();
      assertThat(description[0].strip()).as(c.getCommandSpec().qualifiedName() + ": " + description[0]).endsWith(".");
    }
  }

  @Test
  void theExitCodesFooterIsNotBrokenByTheWrap() {
    CliRunner r = CliRunner.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\nExit codes: 0 success; 1 a check, build or test failed; 2 bad usage or input;\n"
        + "70 an internal error (a crosskit bug: --verbose shows its stack trace).\n");
  }

  /** init accepts and detects every build system, so its help and the file it writes name them all. */
  @Test
  void initNamesEveryBuildSystemItAccepts() {
    String help = CliRunner.run("init", "--help").out().replaceAll("\\s+", " ");
    String template = InitCommand.template("app", "go", java.util.Optional.empty());
    for (String system : dev.crosskit.build.BuildAdapters.names()) {
      assertThat(help).as(system).containsPattern("--build=SYSTEM .*\\b" + system + "\\b.*\\(default: detected\\)");
      assertThat(template).as(system).containsPattern("build = \"go\" +#.*\\b" + system + "\\b");
    }
  }
}
