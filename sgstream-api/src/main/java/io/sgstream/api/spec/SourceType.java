package io.sgstream.api.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The values of {@code spec.source.type}. */
public enum SourceType {
    SGCLUSTER("SGCluster"),
    POSTGRES("Postgres");

    private final String value;

    SourceType(String value) {
        this.value = value;
    }

    /** The value as written in YAML. */
    public String value() {
        return value;
    }

    /** The type written as {@code value} (case-sensitive, as in StackGres), empty for anything else. */
    public static Optional<SourceType> fromValue(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /** "SGCluster, Postgres", for messages. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(SourceType::value).collect(Collectors.joining(", "));
    }
}
