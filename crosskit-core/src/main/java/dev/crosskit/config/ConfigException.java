package dev.crosskit.config;

import dev.crosskit.base.BadInputException;

/** A problem in crosskit.toml (or a CROSSKIT_* variable): says where and what was expected. */
public final class ConfigException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
