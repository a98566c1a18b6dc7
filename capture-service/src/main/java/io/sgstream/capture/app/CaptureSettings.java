package io.sgstream.capture.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The capture service's own settings ({@code application.properties}, or environment variables such as
 * {@code SGSTREAM_FILE}). What to capture and where to deliver comes from the SGStream; these say where to find it
 * and tune what SGStream has no field for. The Knative SinkBinding variables {@code K_SINK}, {@code K_CE_OVERRIDES}
 * and {@code K_CA_CERTS} are read as they are ({@link KnativeEnvironment}).
 */
@ConfigMapping(prefix = "sgstream")
public interface CaptureSettings {

    /** Path of the SGStream YAML, e.g. a mounted ConfigMap. */
    Optional<Path> file();

    /** Name of the SGStream to read from Kubernetes (with {@link #namespace()}). */
    Optional<String> name();

    Optional<String> namespace();

    /** How often the capture's part of the SGStream status is written in Kubernetes mode. */
    @WithDefault("PT5S")
    Duration statusInterval();

    /** Exit with status 1 when the capture fails while running, so the pod restarts and resumes. */
    @WithDefault("true")
    boolean exitOnFailure();

    Sink sink();

    /** Kubernetes mode: the Lease that keeps one capturer per stream. */
    Lease lease();

    interface Lease {

        /** Capture only while holding the Lease (Kubernetes mode). */
        @WithDefault("true")
        boolean enabled();

        /** Its name; {@code <stream>-capture} when unset (the controller sets the name it granted in the Role). */
        Optional<String> name();

        /** This pod's identity in the Lease; {@code POD_NAME}, else the host name. */
        Optional<String> identity();

        /** How long a Lease not renewed stays held (client-go's default). */
        @WithDefault("PT15S")
        Duration duration();

        /** The holder gives up (stops capturing) when it could not renew for this long. */
        @WithDefault("PT10S")
        Duration renewDeadline();

        @WithDefault("PT2S")
        Duration retryPeriod();
    }

    interface Sink {

        /** Replaces the SGStream's target url (K_SINK still wins); needed for an SGCluster target without K_SINK. */
        Optional<String> url();

        /** Events sent concurrently before {@code send} blocks the engine. */
        @WithDefault("64")
        int maxInFlight();

        /**
         * Headers that are credentials: {@code sgstream.sink.secret-headers."Authorization"=Bearer
         * ${secret:sink-auth/token}}. Declared here so the names are validated; the values are read raw by
         * {@link SecretHeaderSettings}, since to SmallRye Config {@code ${secret:...}} is an expression.
         */
        Map<String, String> secretHeaders();

        /** PEM file of CA certificates to trust for an https sink (e.g. a mounted Secret). */
        Optional<Path> caFile();

        /** How long shutdown waits for unacknowledged events before leaving them to the next run. */
        @WithDefault("PT10S")
        Duration closeTimeout();
    }
}
