package dev.crosskit.base;

import java.util.function.Supplier;

/**
 * A value made on first use and kept: what reads a resource catalog (and loads Jackson to do so)
 * is not paid for by a command that never asks for it ({@code --version}, {@code --help}).
 * Thread-safe; the supplier runs at most once unless it throws.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> make;
  private volatile T value;

  private Lazy(Supplier<? extends T> make) {
    this.make = make;
  }

  public static <T> Lazy<T> of(Supplier<? extends T> make) {
    return new Lazy<>(make);
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = make.get();
          value = v;
        }
      }
    }
    return v;
  }
}
