package dev.crosskit.base;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes plain values — JDK maps with string keys, JDK collections, strings, numbers, booleans,
 * enums and records that carry no Jackson annotation but {@code @JsonInclude(NON_NULL)} — with
 * jackson-core's generator, as databind writes them (record components in declaration order, map
 * entries in iteration order, nulls kept unless the record omits them). What crosskit prints for
 * {@code targets --json} and {@code inspect --json} is made of these, and writing them this way
 * spares those commands the construction of a databind {@code ObjectMapper}. Any other value
 * (a bean, a JsonNode, a Path, an annotated record) is handed to databind, whose output it is.
 */
final class PlainJsonWriter {
  /** How a record is written, or empty when databind must write it (annotations, getter-like methods). */
  private static final ClassValue<Optional<RecordShape>> RECORDS = new ClassValue<>() {
    @Override
    protected Optional<RecordShape> computeValue(Class<?> type) {
      return RecordShape.of(type);
    }
  };
  private static final ClassValue<Boolean> PLAIN_ENUMS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return !jackson(type.getAnnotations()) && Arrays.stream(type.getDeclaredFields()).noneMatch(f -> jackson(f.getAnnotations()))
          && Arrays.stream(type.getDeclaredMethods()).noneMatch(m -> jackson(m.getAnnotations()));
    }
  };

  private final JsonGenerator g;
  private final Consumer<Object> databind;

  /** {@code databind} writes a value this writer does not know to the same generator. */
  PlainJsonWriter(JsonGenerator g, Consumer<Object> databind) {
    this.g = g;
    this.databind = databind;
  }

  void write(Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Enum<?> e && PLAIN_ENUMS.get(e.getDeclaringClass())) {
      g.writeString(e.name());
    } else if (v instanceof Map<?, ?> m && jdk(m) && m.keySet().stream().allMatch(k -> k instanceof String)) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> c && jdk(c)) {
      g.writeStartArray();
      for (Object o : c) {
        write(o);
      }
      g.writeEndArray();
    } else if (v instanceof Record r && RECORDS.get(r.getClass()).isPresent()) {
      writeRecord(r, RECORDS.get(r.getClass()).get());
    } else {
      databind.accept(v);
    }
  }

  private void writeRecord(Record r, RecordShape shape) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < shape.names.length; i++) {
      Object value;
      try {
        value = shape.accessors[i].invoke(r);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + shape.names[i] + " of " + r.getClass().getName(), e);
      }
      if (value != null || !shape.omitNulls) {
        g.writeFieldName(shape.names[i]);
        write(value);
      }
    }
    g.writeEndObject();
  }

  private static boolean jdk(Object container) {
    return container.getClass().getName().startsWith("java.");
  }

  private static boolean jackson(Annotation[] annotations) {
    return Arrays.stream(annotations).anyMatch(a -> a.annotationType().getName().startsWith("com.fasterxml.jackson."));
  }

  private record RecordShape(String[] names, Method[] accessors, boolean omitNulls) {
    static Optional<RecordShape> of(Class<?> type) {
      Boolean omitNulls = inclusion(type);
      if (omitNulls == null || getterLike(type)) {
        return Optional.empty();
      }
      RecordComponent[] components = type.getRecordComponents();
      String[] names = new String[components.length];
      Method[] accessors = new Method[components.length];
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        AccessibleObject field;
        try {
          field = type.getDeclaredField(components[i].getName());
        } catch (NoSuchFieldException e) {
          return Optional.empty();
        }
        if (jackson(accessor.getAnnotations()) || jackson(field.getAnnotations()) || !accessor.trySetAccessible()) {
          return Optional.empty();
        }
        names[i] = components[i].getName();
        accessors[i] = accessor;
      }
      return Optional.of(new RecordShape(names, accessors, omitNulls));
    }

    /** True for NON_NULL, false for the default inclusion, null for any other Jackson annotation on the type. */
    private static Boolean inclusion(Class<?> type) {
      boolean omitNulls = false;
      for (Annotation a : type.getAnnotations()) {
        if (a instanceof JsonInclude include && include.value() == JsonInclude.Include.NON_NULL
            && include.content() == JsonInclude.Include.ALWAYS) {
          omitNulls = true;
        } else if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
          return null;
        }
      }
      return omitNulls;
    }

    /** Methods databind would also write as properties (getX(), isX()) beside the components. */
    private static boolean getterLike(Class<?> type) {
      for (Method m : type.getMethods()) {
        String n = m.getName();
        boolean getter = n.length() > 3 && n.startsWith("get") && Character.isUpperCase(n.charAt(3))
            || n.length() > 2 && n.startsWith("is") && Character.isUpperCase(n.charAt(2));
        if (getter && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
            && m.getReturnType() != void.class && m.getDeclaringClass() != Object.class) {
          return true;
        }
      }
      return false;
    }
  }
}
