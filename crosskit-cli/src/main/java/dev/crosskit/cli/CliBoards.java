package dev.crosskit.cli;

import dev.crosskit.target.Boards;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;

/** {@code --board NAME}: a bare-metal toolchain linking for (and a runner emulating) another board. */
final class CliBoards {
  private CliBoards() {}

  /** The toolchain for {@code board}, or unchanged when no board was named. */
  static Toolchain apply(Toolchain tc, Target target, String board) {
    if (board == null) {
      return tc;
    }
    return tc.forBoard(Boards.builtIn().choose(target, board, null, null), null);
  }
}
