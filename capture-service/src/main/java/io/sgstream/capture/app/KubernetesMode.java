package io.sgstream.capture.app;

import io.sgstream.capture.kubernetes.KubernetesStream;

import java.util.Optional;

/** Whether the service runs in Kubernetes mode ({@code sgstream.name}): then the stream in the API. */
public record KubernetesMode(Optional<KubernetesStream> stream) {
}
