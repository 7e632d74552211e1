package dev.crosskit.emulate;

import java.util.List;
import java.util.Map;

/** Runs a program directly: the target is this host's (or a static binary the host kernel runs). */
public record NativeRunner() implements Runner {
  @Override
  public String name() {
    return "native";
  }

  @Override
  public boolean emulated() {
    return false;
  }

  @Override
  public List<String> prefix() {
    return List.of();
  }

  @Override
  public Map<String, String> env() {
    return Map.of();
  }
}
