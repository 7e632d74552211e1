package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.target.Scheme;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The completion scripts, run by the real shells: bash in the unit tests, fish and zsh (which
 * bin/test installs) in the integration tests.
 */
class CompletionCommandTest {
  @TempDir Path dir;

  private Path script(String shell) throws Exception {
    CliRunner r = CliRunner.run("completion", shell);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path file = dir.resolve("crosskit." + shell);
    Files.writeString(file, r.out());
    return file;
  }

  @Test
  void bashRegistersTheCompletionAndOffersTargetSpellings() throws Exception {
    Path script = script("bash");
    assertThat(Files.readString(script)).as("sourced, not run: no #! line").doesNotStartWith("#!");
    assertThat(ExternalTools.ok("bash", "-c", "source \"$1\"; complete -p crosskit", "bash", script.toString()))
        .contains("-F _complete_crosskit").contains("crosskit");
    assertThat(bash(script, "crosskit", "targets", "show", "linux/ar")).contains("linux/arm/v7", "linux/arm/v6");
    assertThat(bash(script, "crosskit", "env", "aarch64", "--format", "")).containsExactlyInAnyOrder("sh", "fish", "json");
    assertThat(bash(script, "crosskit", "build", "--target", "riscv64-linux-m")).contains("riscv64-linux-musl");
    assertThat(bash(script, "crosskit", "targets", "")).contains("show", "convert");
    assertThat(bash(script, "crosskit", "comp")).containsExactly("completion");
    assertThat(bash(script, "crosskit", "debug", "--target", "thumbv7em-none-e")).contains("thumbv7em-none-eabihf");
    assertThat(bash(script, "crosskit", "run", "--board", "mps2")).containsExactlyInAnyOrder("mps2-an386", "mps2-an500");
  }

  /** What the bash function puts in COMPREPLY for the words (the last one is being completed). */
  private static List<String> bash(Path script, String... words) {
    String program = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _complete_crosskit crosskit "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """;
    List<String> argv = new ArrayList<>(List.of("bash", "-c", program, "bash", script.toString()));
    argv.addAll(List.of(words));
    return ExternalTools.ok(argv).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  @Tag("integration")
  void fishCompletesSubcommandsOptionsTargetsAndFormats() throws Exception {
    ExternalTools.require("fish", "fish");
    Path script = script("fish");
    assertThat(fish(script, "crosskit targets show linux/ar")).contains("linux/arm/v7");
    assertThat(fish(script, "crosskit env aarch64 --format ")).containsExactlyInAnyOrder("sh", "fish", "json");
    assertThat(fish(script, "crosskit toolchain-file armhf --format ")).containsExactlyInAnyOrder("cmake", "meson", "cargo");
    assertThat(fish(script, "crosskit sysroot ")).contains("add", "list", "show", "remove", "suites");
    assertThat(fish(script, "crosskit targets convert armhf --t")).contains("--to");
    assertThat(fish(script, "crosskit targets convert armhf --to ")).contains("rust", "docker", "debian");
    assertThat(fish(script, "crosskit debug -")).contains("--target", "--board", "-ex");
    assertThat(fish(script, "crosskit env thumbv7em-none-eabihf --board ")).contains("mps2-an386", "netduinoplus2");
  }

  private static List<String> fish(Path script, String line) {
    String out = ExternalTools.ok("fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script.toString(), line);
    return out.lines().map(l -> l.split("\t", 2)[0]).toList();
  }

  @Test
  @Tag("integration")
  void zshCompletesSubcommandsOptionsTargetsAndFormats() throws Exception {
    ExternalTools.require("zsh", "zsh");
    Path script = script("zsh");
    ExternalTools.ok("zsh", "-n", script.toString());
    // installed as _crosskit in a directory of $fpath, compinit binds it to the command
    Path fpath = Files.createDirectory(dir.resolve("zsh-functions"));
    Files.copy(script, fpath.resolve("_crosskit"));
    assertThat(ExternalTools.ok("zsh", "-f", "-c", "fpath=($1 $fpath); autoload -U compinit; compinit -u -D; "
        + "print -r -- ${_comps[crosskit]}", "zsh", fpath.toString()).strip()).isEqualTo("_crosskit");
    assertThat(zsh(script, "crosskit targets show linux/ar")).contains("linux/arm/v7");
    assertThat(zsh(script, "crosskit env aarch64 --format ")).containsExactlyInAnyOrder("sh", "fish", "json");
    assertThat(zsh(script, "crosskit package --format ")).containsExactlyInAnyOrder("auto", "tar.gz", "zip");
    assertThat(zsh(script, "crosskit targets ")).containsExactlyInAnyOrder("show", "convert");
    assertThat(zsh(script, "crosskit inspect --exp")).containsExactly("--expect");
    assertThat(zsh(script, "crosskit inspect --expect aarch64-linux-g")).contains("aarch64-linux-gnu");
    assertThat(zsh(script, "crosskit inspect ")).containsExactly("<files>");
    assertThat(zsh(script, "crosskit debug --target riscv64-")).contains("riscv64-linux-gnu");
    assertThat(zsh(script, "crosskit inspect --board ")).contains("mps2-an386", "virt");
  }

  /**
   * Runs the zsh completion function outside the line editor: compadd, _describe and _files are
   * replaced by functions that print what they were given, then filtered by the prefix the way
   * the completion system would.
   */
  private static List<String> zsh(Path script, String line) {
    String program = """
        compdef() { : }
        compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }
        _describe() { local -a entries; entries=("${(@P)4}"); print -l -- "${entries[@]%%:*}" }
        _files() { print '<files>' }
        source $1
        words=(${=2}); [[ $2 == *' ' ]] && words+=('')
        CURRENT=${#words}; PREFIX=${words[CURRENT]}
        _crosskit | while read -r c; do
          if [[ $c == ${PREFIX}* || $c == '<files>' ]]; then print -r -- $c; fi
        done
        """;
    return ExternalTools.ok("zsh", "-f", "-c", program, "zsh", script.toString(), line).lines().toList();
  }

  @Test
  void unknownShellIsAUsageError() {
    CliRunner r = CliRunner.run("completion", "powershell");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'powershell' is not one of bash, zsh, fish").doesNotContain("Exception");
    assertThat(r.err().lines()).hasSize(1);
  }

  /** Every option or parameter that takes a target completes target names, including commands added later. */
  @Test
  void everyTargetArgumentCompletesTargetNames() {
    List<String> checked = new ArrayList<>();
    for (CommandSpec spec : allCommands()) {
      for (ArgSpec arg : spec.args()) {
        if (arg.paramLabel().equals("TARGET") || arg.paramLabel().equals("T")) {
          assertThat(arg.completionCandidates()).as(spec.qualifiedName() + " " + arg.paramLabel())
              .isInstanceOf(CompletionCandidates.Targets.class);
          checked.add(spec.qualifiedName());
        }
      }
    }
    assertThat(checked).contains("crosskit targets show", "crosskit env", "crosskit inspect", "crosskit build",
        "crosskit test", "crosskit package", "crosskit image", "crosskit run", "crosskit debug");
  }

  /** --board completes the board catalog's names wherever a command takes it. */
  @Test
  void everyBoardOptionCompletesBoardNames() {
    List<String> checked = new ArrayList<>();
    for (CommandSpec spec : allCommands()) {
      CommandLine.Model.OptionSpec board = spec.findOption("--board");
      if (board != null) {
        assertThat(board.completionCandidates()).as(spec.qualifiedName()).containsAll(
            dev.crosskit.target.Boards.builtIn().all().stream().map(dev.crosskit.target.Board::name).toList());
        checked.add(spec.qualifiedName());
      }
    }
    assertThat(checked).contains("crosskit run", "crosskit debug", "crosskit env", "crosskit inspect");
  }

  /**
   * The values offered for --format (and the completion's shell) are the option's enum constants
   * as its converter reads them and its help lists them; --to offers every scheme.
   */
  @Test
  void enumCandidatesAreWhatTheConverterAcceptsAndTheHelpLists() throws Exception {
    int formats = 0;
    for (CommandSpec spec : allCommands()) {
      for (CommandLine.Model.ArgSpec arg : spec.args()) {
        if (!arg.type().isEnum()) {
          continue;
        }
        String where = spec.qualifiedName() + " " + arg.paramLabel();
        List<String> candidates = new ArrayList<>();
        arg.completionCandidates().forEach(candidates::add);
        assertThat(candidates).as(where).containsExactlyElementsOf(
            java.util.Arrays.stream(arg.type().getEnumConstants()).map(Object::toString).toList());
        for (String c : candidates) {
          assertThat(arg.converters()[0].convert(c)).as(where + " " + c).isNotNull();
          assertThat(String.join(" ", arg.renderedDescription())).as(where).contains(c);
        }
        formats += arg.paramLabel().equals("FORMAT") || arg.paramLabel().equals("SHELL") ? 1 : 0;
      }
    }
    assertThat(formats).as("env, toolchain-file and package --format; completion SHELL").isGreaterThanOrEqualTo(4);
    List<String> schemes = new ArrayList<>();
    new CompletionCandidates.Schemes().forEach(schemes::add);
    for (Scheme s : Scheme.values()) {
      assertThat(schemes).contains(s.key());
    }
  }

  @Test
  void targetSpellingsResolveAndHaveNoBlanks() {
    var spellings = CompletionCandidates.Targets.spellings();
    assertThat(spellings).contains("armv7-linux-gnueabihf", "linux/arm/v7", "armhf", "aarch64-unknown-linux-musl",
        "linux-aarch_64");
    for (String s : spellings) {
      assertThat(s).doesNotContainAnyWhitespaces();
      assertThat(CliRunner.run("targets", "convert", s, "--to", "name").exitCode()).as(s).isZero();
    }
  }

  private static List<CommandSpec> allCommands() {
    CommandLine root = Main.newCommandLine(null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<CommandSpec> all = new ArrayList<>();
    collect(root, all);
    return all;
  }

  private static void collect(CommandLine cl, List<CommandSpec> into) {
    into.add(cl.getCommandSpec());
    cl.getSubcommands().values().forEach(sub -> collect(sub, into));
  }
}
