package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the SGStream this service captures from a YAML file (a mounted ConfigMap, or the local runner's file); in
 * Kubernetes mode {@link io.sgstream.capture.kubernetes.KubernetesStream} reads it from the API instead.
 */
final class StreamDefinitionLoader {

    private StreamDefinitionLoader() {
    }

    static SGStream load(CaptureSettings settings) {
        if (settings.file().isPresent()) {
            Path file = settings.file().get();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("sgstream.file " + file.toAbsolutePath() + " does not exist or is not a file");
            }
            try {
                return SGStreams.fromFile(file); // validates: InvalidSGStreamException lists every problem
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sgstream.file " + file, e);
            }
        }
        throw new IllegalStateException("no SGStream to capture: set sgstream.file (SGSTREAM_FILE) to the path of "
                + "an SGStream YAML, or sgstream.name (SGSTREAM_NAME) to read it from the Kubernetes API");
    }
}
