package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a Debezium settings section into Debezium properties the way StackGres does: every field, by its YAML name,
 * {@code myPropertyName} becomes {@code my.property.name}. Reflection keeps the 120-odd fields from each needing a
 * hand-written line; the annotations on a field say how its list or map is written and what its default is.
 */
final class DebeziumPropertyWriter {

    private DebeziumPropertyWriter() {
    }

    static SortedMap<String, String> write(Object section) {
        SortedMap<String, String> properties = new TreeMap<>();
        for (Field field : section.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String property = propertyName(yamlName(field));
            Object value = read(field, section);
            if (value == null) {
                DebeziumDefault fallback = field.getAnnotation(DebeziumDefault.class);
                if (fallback != null) {
                    properties.put(property, fallback.value());
                }
            } else if (value instanceof Map<?, ?> map) {
                writeMap(properties, field, property, map);
            } else if (value instanceof Collection<?> list) {
                properties.put(property, join(field, list));
            } else {
                properties.put(property, value.toString());
            }
        }
        return Collections.unmodifiableSortedMap(properties);
    }

    /** {@code snapshotFetchSize} becomes {@code snapshot.fetch.size}, {@code fooMin_size} {@code foo.min_size}. */
    static String propertyName(String yamlName) {
        return yamlName.replaceAll("([A-Z])", ".$1").toLowerCase(Locale.ROOT);
    }

    private static String yamlName(Field field) {
        JsonProperty renamed = field.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
    }

    private static Object read(Field field, Object section) {
        try {
            field.setAccessible(true);
            return field.get(section);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void writeMap(Map<String, String> properties, Field field, String property, Map<?, ?> map) {
        DebeziumMap style = field.getAnnotation(DebeziumMap.class);
        if (style == null) {
            throw new IllegalStateException(field + " is a map without @DebeziumMap: its Debezium form is unknown");
        }
        switch (style.value()) {
            case PAIRS -> properties.put(property, join(field, map.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            case KEYS_THEN_PREFIXED_ENTRIES -> writeKeysThenEntries(properties, field, property, property + ".", map);
            case KEYS_THEN_UNPREFIXED_ENTRIES -> writeKeysThenEntries(properties, field, property, "", map);
            case HASH_WITH_SALT -> map.forEach((algorithm, salts) -> {
                if (salts instanceof Map<?, ?> bySalt) {
                    bySalt.forEach((salt, columns) -> properties.put(
                            property + "." + algorithm + ".with.salt." + salt, text(field, columns)));
                }
            });
        }
    }

    private static void writeKeysThenEntries(Map<String, String> properties, Field field, String property,
            String prefix, Map<?, ?> map) {
        properties.put(property, join(field, map.keySet()));
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                nested.forEach((nestedKey, nestedValue) -> {
                    if (nestedValue != null) {
                        properties.put(prefix + key + "." + nestedKey, text(field, nestedValue));
                    }
                });
            } else if (value != null) {
                properties.put(prefix + key, text(field, value));
            }
        });
    }

    private static String text(Field field, Object value) {
        return value instanceof Collection<?> list ? join(field, list) : String.valueOf(value);
    }

    private static String join(Field field, Collection<?> items) {
        DebeziumListSeparator separator = field.getAnnotation(DebeziumListSeparator.class);
        return items.stream().map(String::valueOf)
                .collect(Collectors.joining(separator != null ? separator.value() : ","));
    }
}
