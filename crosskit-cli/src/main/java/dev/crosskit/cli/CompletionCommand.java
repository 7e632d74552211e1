package dev.crosskit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crosskit completion SHELL}: the shell completion script, generated from the command
 * model (subcommands, options, target names in every spelling, {@code --format} values).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print the shell completion script for bash, zsh or fish: subcommands, options, "
        + "target names in every spelling and the values of --format and --to.",
    footer = {"", "The Debian package installs all three; from the release archive or the sources:",
        "", "Examples:",
        "  source <(crosskit completion bash)                  # bash, this shell; or in ~/.bashrc",
        "  crosskit completion zsh > \"${fpath[1]}/_crosskit\"   # zsh, then start a new shell",
        "  crosskit completion fish > ~/.config/fish/completions/crosskit.fish"})
final class CompletionCommand implements Callable<Integer> {
  static final String PROGRAM = "crosskit";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.",
      completionCandidates = CompletionCandidates.Shells.class)
  String shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = switch (shell) {
      // sourced, never run: without picocli's #! line it sits in bash-completion's directory as Debian expects
      case "bash" -> AutoComplete.bash(PROGRAM, root).replaceFirst("\\A#![^\n]*\n", "");
      case "zsh" -> ZshCompletion.script(CompletionModel.of(root), PROGRAM);
      case "fish" -> FishCompletion.script(CompletionModel.of(root), PROGRAM);
      default -> throw new dev.crosskit.UserException("unknown shell '" + shell + "'; use bash, zsh or fish");
    };
    spec.commandLine().getOut().print(script);
    return ExitCodes.OK;
  }
}
