package io.sgstream.signals.knative;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sgstream.signals.AnnotationSignals;
import io.sgstream.signals.HttpSignalSender;
import io.sgstream.signals.SignalDeliveryException;
import io.sgstream.signals.SignalDestination;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The function's collaborators: the Kubernetes client of the pod's service account and the Broker from K_SINK. */
@ApplicationScoped
public class SignalsBeans {

    @Produces
    @Singleton
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }

    /** K_SINK is injected by the SinkBinding of knative/functions/signals.yaml (the Broker of this namespace). */
    @Produces
    @Singleton
    AnnotationSignals annotationSignals(KubernetesClient client, @ConfigProperty(name = "K_SINK") Optional<String> sink) {
        SignalDestination destination = sink.filter(s -> !s.isBlank()).map(URI::create).map(SignalDestination::fixed)
                .orElse(stream -> {
                    throw new SignalDeliveryException("K_SINK is not set: bind this service to the Broker with the "
                            + "SinkBinding sgstream-signals (knative/functions/signals.yaml)");
                });
        return new AnnotationSignals(client, HttpSignalSender.to(destination));
    }
}
