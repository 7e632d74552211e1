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
 * model (subcommands, options, target and board names, the values of enum options such as
 * {@code --format}).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print the shell completion script for bash, zsh or fish: subcommands, options, "
        + "target names in every spelling, board names and the values of --format and --to.",
    footer = {"", "The Debian package installs all three; from the release archive or the sources:",
        "", "Examples:",
        "  source <(crosskit completion bash)                  # bash, this shell; or in ~/.bashrc",
        "  crosskit completion zsh > \"$${fpath[1]}/_crosskit\"   # zsh, then start a new shell",
        "  crosskit completion fish > ~/.config/fish/completions/crosskit.fish"})
final class CompletionCommand implements Callable<Integer> {
  static final String PROGRAM = "crosskit";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", converter = ShellConverter.class, description = "${COMPLETION-CANDIDATES}.")
  Shell shell;

  /** The shells there is a script for. */
  enum Shell {
    BASH, ZSH, FISH;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final class ShellConverter extends LabelledEnum<Shell> {
    ShellConverter() {
      super(Shell.class);
    }
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = switch (shell) {
      // sourced, never run: without picocli's #! line it sits in bash-completion's directory as Debian expects
      case BASH -> AutoComplete.bash(PROGRAM, root).replaceFirst("\\A#![^\n]*\n", "");
      case ZSH -> ZshCompletion.script(CompletionModel.of(root), PROGRAM);
      case FISH -> FishCompletion.script(CompletionModel.of(root), PROGRAM);
    };
    spec.commandLine().getOut().print(script);
    return ExitCodes.OK;
  }
}
