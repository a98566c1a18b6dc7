package io.sgstream.pglambda.knative;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Configuration of the PgLambda Knative Service ({@code sgstream.pglambda.*}, or environment variables such as
 * {@code SGSTREAM_PGLAMBDA_TIMEOUT}). The script comes from {@code script}, {@code script-file} (a mounted
 * ConfigMap or Secret key), or the environment variable {@code SCRIPT} as StackGres sets it.
 */
@ConfigMapping(prefix = "sgstream.pglambda")
public interface PgLambdaSettings {

    /** The script text. */
    Optional<String> script();

    /** A file holding the script. */
    Optional<Path> scriptFile();

    /** Name of the script in error messages. */
    @WithDefault("pglambda.js")
    String scriptName();

    /** Longest a script may run for one event. */
    @WithDefault("10s")
    Duration timeout();

    /** Bytes a script may allocate for one event; 0 for no limit. */
    @WithDefault("268435456")
    long maxAllocatedBytes();

    /** JavaScript statements a script may execute for one event; 0 for no limit. */
    @WithDefault("0")
    long maxStatements();

    /** Scripts running at once, each in its own context; default: twice the number of processors. */
    OptionalInt contexts();

    /** Largest reply data. */
    @WithDefault("1048576")
    int maxReplyBytes();

    /** Memory for parts of split events waiting for the rest. */
    @WithDefault("67108864")
    long maxPendingPartBytes();

    /** How long an incomplete split event is kept. */
    @WithDefault("10m")
    Duration maxPartAge();

    /** Largest request body accepted. */
    @WithDefault("16777216")
    long maxBodyBytes();
}
