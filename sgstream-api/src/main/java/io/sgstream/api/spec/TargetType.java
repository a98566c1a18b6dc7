package io.sgstream.api.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The values of {@code spec.target.type}. */
public enum TargetType {
    CLOUD_EVENT("CloudEvent"),
    PG_LAMBDA("PgLambda"),
    SGCLUSTER("SGCluster");

    private final String value;

    TargetType(String value) {
        this.value = value;
    }

    /** The value as written in YAML. */
    public String value() {
        return value;
    }

    /** The type written as {@code value} (case-sensitive, as in StackGres), empty for anything else. */
    public static Optional<TargetType> fromValue(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /** "CloudEvent, PgLambda, SGCluster", for messages. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(TargetType::value).collect(Collectors.joining(", "));
    }
}
