package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.api.InvalidSGStreamException;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamValidator;
import io.sgstream.api.Violation;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.signals.AnnotationSignals;
import io.sgstream.signals.SignalDeliveryException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one stream, the same whatever triggered it (a change, a resync, its capture Deployment):
 * <ol>
 * <li>an invalid spec is reported (Failed, reason {@value Verdict#INVALID_SPEC}, every field path) and nothing is
 *     created or changed;</li>
 * <li>a missing SGCluster, Secret or ConfigMap is reported the same way ({@value Verdict#DEPENDENCY_NOT_FOUND});</li>
 * <li>otherwise its objects are brought to what the spec asks ({@link ResourceApplier}), the conditions written and
 *     Events recorded for what changed;</li>
 * <li>in every case pending annotation signals are sent ({@link AnnotationSignals}), so a signal set while no
 *     ApiServerSource was watching is still acted on.</li>
 * </ol>
 * A stream that becomes invalid keeps the objects it had: a typo in an edit must not stop a running migration.
 */
public final class StreamReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReconciler.class);

    private final KubernetesClient client;
    private final ControllerSettings settings;
    private final ResourceApplier applier;
    private final StreamDependencies dependencies;
    private final StatusWriter status;
    private final StreamEvents events;
    private final AnnotationSignals signals;

    public StreamReconciler(KubernetesClient client, ControllerSettings settings, AnnotationSignals signals,
            Clock clock) {
        this.client = client;
        this.settings = settings;
        this.applier = new ResourceApplier(client);
        this.dependencies = new StreamDependencies(client);
        this.status = new StatusWriter(client, clock);
        this.events = new StreamEvents(client, clock, settings.identity());
        this.signals = signals;
    }

    public void reconcile(SGStream stream) {
        if (stream.getMetadata().getDeletionTimestamp() != null) {
            return; // garbage collection deletes what it owns
        }
        List<Violation> violations = SGStreamValidator.validate(stream);
        if (!violations.isEmpty()) {
            reject(stream, Verdict.invalidSpec(new InvalidSGStreamException(describe(stream), violations).getMessage()));
            return;
        }
        List<String> missing = dependencies.missing(stream);
        if (!missing.isEmpty()) {
            reject(stream, Verdict.dependencyNotFound(String.join("; ", missing)));
            return;
        }
        List<HasMetadata> desired = StreamResources.desired(stream, settings);
        ResourceApplier.Changes changes = applier.apply(stream, desired);
        if (changes.created().size() == desired.size()) { // nothing existed: a new stream
            events.normal(stream, StreamEvents.CREATED, "Created " + String.join(", ", changes.created()));
        } else if (changes.any()) {
            events.normal(stream, StreamEvents.UPDATED, summary(changes));
        }
        SGStream written = status.write(stream, new Verdict.Realized(ResourceNames.capture(stream),
                captureAvailable(stream)));
        if (written != null) {
            sendPendingSignals(written);
        }
    }

    private void reject(SGStream stream, Verdict.Rejected verdict) {
        Optional<StreamCondition> failed = Optional.ofNullable(stream.getStatus())
                .flatMap(s -> s.condition(StreamCondition.FAILED));
        boolean alreadyReported = failed.filter(c -> StreamCondition.TRUE.equals(c.getStatus()))
                .filter(c -> verdict.message().equals(c.getMessage())).isPresent();
        SGStream written = status.write(stream, verdict);
        if (!alreadyReported) {
            LOG.warn("SGStream {}: {}", describe(stream), verdict.message());
            events.warning(stream, StreamEvents.FAILED, verdict.message());
        }
        if (written != null) {
            sendPendingSignals(written); // a capture service made from an earlier spec may still be running
        }
    }

    private boolean captureAvailable(SGStream stream) {
        Deployment capture = client.apps().deployments().inNamespace(stream.getMetadata().getNamespace())
                .withName(ResourceNames.capture(stream)).get();
        return capture != null && capture.getStatus() != null && capture.getStatus().getAvailableReplicas() != null
                && capture.getStatus().getAvailableReplicas() > 0;
    }

    private void sendPendingSignals(SGStream stream) {
        try {
            signals.process(stream);
        } catch (SignalDeliveryException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down
            }
            // the signals function or the next resync sends it: the annotation and status still say it is pending
            LOG.warn("SGStream {}: signal not sent yet: {}", describe(stream), e.getMessage());
        }
    }

    private static String summary(ResourceApplier.Changes changes) {
        StringBuilder text = new StringBuilder();
        append(text, "Created", changes.created());
        append(text, "Updated", changes.updated());
        append(text, "Deleted", changes.deleted());
        return text.toString();
    }

    private static void append(StringBuilder text, String verb, List<String> objects) {
        if (!objects.isEmpty()) {
            text.append(text.length() == 0 ? "" : "; ").append(verb).append(' ').append(String.join(", ", objects));
        }
    }

    private static String describe(SGStream stream) {
        return stream.getMetadata().getNamespace() + "/" + stream.getMetadata().getName();
    }
}
