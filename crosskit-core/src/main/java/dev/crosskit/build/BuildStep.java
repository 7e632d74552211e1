package dev.crosskit.build;

import dev.crosskit.exec.Command;

/** One command of a build: {@code configure}, {@code build} or {@code test}; its log is {@code logs/<name>.log}. */
public record BuildStep(String name, Command command) {}
