package dev.crosskit.report;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens a page in the desktop's browser ({@code crosskit report --open}) with xdg-open, started
 * in a session of its own ({@code setsid --fork}): the browser is meant to outlive crosskit,
 * and xdg-open waits for it when it has to start one, so crosskit waits only for the fork.
 */
public final class Browser {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Browser() {}

  /** Hands {@code page} to xdg-open; its own errors (no browser) reach the terminal. */
  public static void open(HostTools tools, ProcessRunner processes, Path page) {
    Path xdgOpen = tools.which("xdg-open").orElseThrow(() -> new BadInputException("--open needs xdg-open (Debian"
        + " package xdg-utils), which is not on PATH; open " + page + " in a browser instead"));
    Path setsid = tools.which("setsid").orElseThrow(() -> new BadInputException("--open needs setsid (Debian"
        + " package util-linux), which is not on PATH; open " + page + " in a browser instead"));
    // the browser (and xdg-open waiting for it) stay when crosskit ends
    Result r = processes.attachedLeavingRunning(
        Command.of(setsid.toString(), "--fork", xdgOpen.toString(), page.toString()).withTimeout(TIMEOUT));
    if (!r.ok()) {
      throw new BadInputException("could not start xdg-open (" + (r.timedOut() ? "timed out" : "exit " + r.exitCode())
          + "); open " + page + " in a browser instead");
    }
  }
}
