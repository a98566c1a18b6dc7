package io.sgstream.signals.knative;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.sgstream.api.SGStream;
import io.sgstream.signals.AnnotationSignals;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The signals function: receives the ApiServerSource events of SGStreams through the Broker and acts on new
 * signal annotation values ({@link AnnotationSignals}). Resource mode events carry the stream; Reference mode
 * events only name it, so it is read first.
 *
 * <p>Answers: 204 when done or when the event is not about an SGStream (it could never succeed, so it must not be
 * retried); 500 (Funqy's answer to an exception) when a request was not accepted or the API server failed, so the
 * Broker delivers the event again.
 */
public class SignalsFunction {

    static final String RESOURCE_ADD = "dev.knative.apiserver.resource.add";
    static final String RESOURCE_UPDATE = "dev.knative.apiserver.resource.update";
    static final String REF_ADD = "dev.knative.apiserver.ref.add";
    static final String REF_UPDATE = "dev.knative.apiserver.ref.update";

    private static final Logger LOG = Logger.getLogger(SignalsFunction.class);

    @Inject
    AnnotationSignals signals;

    @Inject
    KubernetesClient client;

    @Funq("signals")
    public void signals(CloudEvent<JsonNode> event) {
        JsonNode data = event.data();
        if (data == null || !SGStream.KIND.equals(data.path("kind").asText())
                || !SGStream.API_VERSION.equals(data.path("apiVersion").asText())) {
            LOG.debugf("ignoring event %s of type %s: not about an SGStream", event.id(), event.type());
            return;
        }
        switch (event.type() == null ? "" : event.type()) {
            case RESOURCE_ADD, RESOURCE_UPDATE ->
                    signals.process(client.getKubernetesSerialization().convertValue(data, SGStream.class));
            case REF_ADD, REF_UPDATE ->
                    signals.processCurrent(data.path("namespace").asText(), data.path("name").asText());
            default -> LOG.debugf("ignoring event %s of type %s", event.id(), event.type());
        }
    }
}
