package io.sgstream.pglambda;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the handler around the user function.
 *
 * @param maxReplyBytes       largest reply data (1 MiB: what a Kafka broker accepts by default)
 * @param maxPendingPartBytes memory for parts of split events waiting for their other parts
 * @param maxPartAge          how long an incomplete split event is kept
 * @param meters              where the {@code sgstream_pglambda_*} metrics are registered
 * @param tags                added to every metric, e.g. {@code stream} when several PgLambdas share a registry
 */
public record PgLambdaOptions(int maxReplyBytes, long maxPendingPartBytes, Duration maxPartAge, MeterRegistry meters,
                              Tags tags) {

    public PgLambdaOptions {
        Objects.requireNonNull(maxPartAge, "maxPartAge");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(tags, "tags");
        if (maxReplyBytes < 0 || maxPendingPartBytes < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    public static PgLambdaOptions defaults() {
        return new PgLambdaOptions(1024 * 1024, 64L * 1024 * 1024, Duration.ofMinutes(10), new SimpleMeterRegistry(),
                Tags.empty());
    }

    public PgLambdaOptions withMeters(MeterRegistry value) {
        return new PgLambdaOptions(maxReplyBytes, maxPendingPartBytes, maxPartAge, value, tags);
    }

    public PgLambdaOptions withTags(Tags value) {
        return new PgLambdaOptions(maxReplyBytes, maxPendingPartBytes, maxPartAge, meters, value);
    }

    public PgLambdaOptions withMaxReplyBytes(int value) {
        return new PgLambdaOptions(value, maxPendingPartBytes, maxPartAge, meters, tags);
    }

    public PgLambdaOptions withParts(long maxBytes, Duration maxAge) {
        return new PgLambdaOptions(maxReplyBytes, maxBytes, maxAge, meters, tags);
    }
}
