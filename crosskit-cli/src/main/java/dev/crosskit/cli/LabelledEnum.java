package dev.crosskit.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Reads an option's value into an enum by the constant's {@code toString()} ("tar.gz" for
 * TAR_GZ), in any case, and says in one line which values there are when it matches none.
 * picocli lists the same values in help ({@code ${COMPLETION-CANDIDATES}}) and completion.
 */
abstract class LabelledEnum<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
  private final Class<E> type;

  /** A subclass per enum, with a no-argument constructor, is what {@code @Option(converter = ...)} takes. */
  protected LabelledEnum(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    for (E e : type.getEnumConstants()) {
      if (e.toString().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
        .map(e -> e.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }
}
