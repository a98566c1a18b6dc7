package io.sgstream.controller;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.event.StreamId;
import io.sgstream.signals.SignalDeliveryException;
import io.sgstream.signals.SignalDestination;
import java.net.URI;
import java.util.Optional;

/**
 * The Broker of the stream's namespace, by the address it publishes in its status: the controller watches every
 * namespace, so unlike the signals function it cannot use one {@code K_SINK}.
 */
final class BrokerAddress implements SignalDestination {

    private final KubernetesClient client;
    private final String brokerName;

    BrokerAddress(KubernetesClient client, String brokerName) {
        this.client = client;
        this.brokerName = brokerName;
    }

    @Override
    public URI uriFor(StreamId stream) {
        Broker broker = client.adapt(KnativeClient.class).brokers().inNamespace(stream.namespace())
                .withName(brokerName).get();
        return Optional.ofNullable(broker).map(Broker::getStatus).map(s -> s.getAddress()).map(a -> a.getUrl())
                .filter(url -> !url.isBlank()).map(URI::create)
                .orElseThrow(() -> new SignalDeliveryException("Broker " + brokerName + " in namespace "
                        + stream.namespace() + (broker == null ? " does not exist" : " has no address yet")
                        + " (knative/eventing/broker.yaml)"));
    }
}
