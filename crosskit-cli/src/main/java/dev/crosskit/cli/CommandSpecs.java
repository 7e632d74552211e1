package dev.crosskit.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Command models built in code, for the commands a start-up waits on (the root, {@code targets},
 * {@code inspect}). picocli reads its annotations through {@code java.lang.reflect.Proxy} objects
 * whose classes the JVM generates at run time, interpreted, and which the AOT cache cannot keep:
 * about 11 ms for the first annotation type and 3 to 4 ms for each further one. These commands
 * read no annotation; the others stay annotated. The models are those the annotations would give:
 * arguments in declaration order, then the standard help options.
 */
final class CommandSpecs {
  private CommandSpecs() {}

  /** A command running {@code userObject}, with its arguments and then -h/--help and -V/--version. */
  static CommandSpec command(String name, Object userObject, String[] description, String[] footer, ArgSpec... args) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
    spec.usageMessage().description(description).footer(footer);
    for (ArgSpec arg : args) {
      if (arg instanceof OptionSpec option) {
        spec.addOption(option);
      } else {
        spec.addPositional((PositionalParamSpec) arg);
      }
    }
    // what @Command(mixinStandardHelpOptions = true) adds (its AutoHelpMixin is annotated)
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).descriptionKey("mixinStandardHelpOptions.help")
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).descriptionKey("mixinStandardHelpOptions.version")
        .description("Print version information and exit.").build());
    return spec;
  }

  /** An option of {@code type} whose value lives where {@code get} reads and {@code set} writes it. */
  static <T> OptionSpec.Builder option(Class<? super T> type, Supplier<T> get, Consumer<T> set, String... names) {
    Binding<T> binding = new Binding<>(get, set);
    return OptionSpec.builder(names).type(type).getter(binding).setter(binding).initialValue(get.get());
  }

  /** A positional parameter of {@code type}, bound like {@link #option} (required: say so, as its arity does not here). */
  static <T> PositionalParamSpec.Builder parameters(Class<? super T> type, Supplier<T> get, Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    return PositionalParamSpec.builder().type(type).getter(binding).setter(binding).initialValue(get.get());
  }

  /** A field of the command object as picocli reads and writes it (the field an annotation would name). */
  private static final class Binding<T> implements IGetter, ISetter {
    private final Supplier<T> read;
    private final Consumer<T> write;

    Binding(Supplier<T> read, Consumer<T> write) {
      this.read = read;
      this.write = write;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
      return (V) read.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
      V old = get();
      write.accept((T) value);
      return old;
    }
  }
}
