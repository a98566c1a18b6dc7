package io.sgstream.capture.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.api.SGStream;
import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.capture.kubernetes.KubernetesStream;
import io.sgstream.capture.sink.HttpEventSink;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The plain-Java parts of the capture, made beans so the lifecycle and the health checks share one instance. */
@ApplicationScoped
public class CaptureBeans {

    /** The SGStream in the Kubernetes API when {@code sgstream.name} is set (and {@code sgstream.file} is not). */
    @Produces
    @Singleton
    KubernetesMode kubernetes(CaptureSettings settings) {
        if (settings.file().isEmpty() && settings.name().isPresent()) {
            return new KubernetesMode(Optional.of(KubernetesStream.connect(settings.namespace(), settings.name().get())));
        }
        return new KubernetesMode(Optional.empty());
    }

    @Produces
    @Singleton
    SGStream stream(CaptureSettings settings, KubernetesMode kubernetes) {
        return kubernetes.stream().map(KubernetesStream::read).orElseGet(() -> StreamDefinitionLoader.load(settings));
    }

    /**
     * Secrets named by the SGStream, as {@code SGSTREAM_SECRET_<NAME>_<KEY>} or files under
     * {@code SGSTREAM_SECRETS_DIR}; read through MicroProfile Config, so environment variables and test
     * configuration both work. In Kubernetes mode, the Secrets of the stream's namespace.
     */
    @Produces
    @Singleton
    SecretResolver secrets(Config config, KubernetesMode kubernetes) {
        if (kubernetes.stream().isPresent()) {
            return kubernetes.stream().get().secrets();
        }
        Map<String, String> variables = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(EnvSecretResolver.ENV_PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> variables.put(name, v));
            }
        }
        Path dir = config.getOptionalValue(EnvSecretResolver.SECRETS_DIR_ENV, String.class)
                .filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        return new EnvSecretResolver(variables, dir);
    }

    /** On Quarkus's Vert.x: no event loop of its own. Closed by {@link CaptureLifecycle} after the capture stops. */
    @Produces
    @Singleton
    HttpEventSink sink(SGStream stream, CaptureSettings settings, SecretResolver secrets, MeterRegistry registry,
                       Config config, Vertx vertx) {
        return new HttpEventSink(SinkConfigFactory.create(stream, settings.sink(), SecretHeaderSettings.read(config),
                KnativeEnvironment.read(config), secrets), registry, vertx);
    }
}
