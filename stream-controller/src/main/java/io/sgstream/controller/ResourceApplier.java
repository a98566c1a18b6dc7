package io.sgstream.controller;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.sgstream.api.SGStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a stream's objects to what it asks for: creates the missing ones, rewrites those whose content changed
 * (compared by {@link ManagedMetadata#CONFIG_HASH}, so a resync writes nothing when nothing changed), and deletes the
 * ones it made for the stream that are no longer wanted (e.g. the apply function after the target became a
 * CloudEvent). Updates replace the whole object at the version read, so a concurrent change makes them fail with a
 * conflict and the stream is reconciled again.
 */
final class ResourceApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceApplier.class);

    /** What changed, as {@code Kind/name}. */
    record Changes(List<String> created, List<String> updated, List<String> deleted) {

        boolean any() {
            return !created.isEmpty() || !updated.isEmpty() || !deleted.isEmpty();
        }
    }

    private final KubernetesClient client;
    private final List<Function<KubernetesClient, MixedOperation<? extends HasMetadata, ? extends KubernetesResourceList<? extends HasMetadata>, ?>>> managedKinds;

    ResourceApplier(KubernetesClient client) {
        this.client = client;
        this.managedKinds = List.of(
                KubernetesClient::serviceAccounts,
                c -> c.rbac().roles(),
                c -> c.rbac().roleBindings(),
                c -> c.apps().deployments(),
                KubernetesClient::services,
                c -> c.adapt(KnativeClient.class).sinkBindings(),
                c -> c.adapt(KnativeClient.class).services(),
                c -> c.adapt(KnativeClient.class).triggers());
    }

    Changes apply(SGStream stream, List<HasMetadata> desired) {
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (HasMetadata object : desired) {
            String hash = ManagedMetadata.sha256(client.getKubernetesSerialization().asJson(object));
            ManagedMetadata.stamp(object.getMetadata(), hash);
            HasMetadata existing = client.resource(object).get();
            if (existing == null) {
                client.resource(object).create();
                changes.created().add(describe(object));
            } else if (!hash.equals(ManagedMetadata.hashOf(existing.getMetadata()))) {
                ManagedMetadata.mergeInto(object.getMetadata(), existing.getMetadata());
                keepAllocatedAddresses(object, existing);
                client.resource(object).update();
                changes.updated().add(describe(object));
            }
        }
        prune(stream, desired, changes);
        if (changes.any()) {
            LOG.info("SGStream {}/{}: created {}, updated {}, deleted {}", stream.getMetadata().getNamespace(),
                    stream.getMetadata().getName(), changes.created(), changes.updated(), changes.deleted());
        }
        return changes;
    }

    /** The cluster IP of a Service is assigned once and cannot be changed by an update. */
    private static void keepAllocatedAddresses(HasMetadata desired, HasMetadata existing) {
        if (desired instanceof Service wanted && existing instanceof Service current && current.getSpec() != null) {
            ServiceSpec spec = wanted.getSpec();
            spec.setClusterIP(current.getSpec().getClusterIP());
            spec.setClusterIPs(current.getSpec().getClusterIPs());
            spec.setIpFamilies(current.getSpec().getIpFamilies());
            spec.setIpFamilyPolicy(current.getSpec().getIpFamilyPolicy());
        }
    }

    private void prune(SGStream stream, List<HasMetadata> desired, Changes changes) {
        Set<String> wanted = desired.stream().map(ResourceApplier::describe).collect(Collectors.toSet());
        String uid = stream.getMetadata().getUid();
        for (var kind : managedKinds) {
            List<? extends HasMetadata> found = kind.apply(client).inNamespace(stream.getMetadata().getNamespace())
                    .withLabel(StreamLabels.PART_OF, StreamLabels.PART_OF_VALUE)
                    .withLabel(StreamLabels.STREAM, stream.getMetadata().getName())
                    .list().getItems();
            for (HasMetadata object : found) {
                if (!HasMetadata.getApiVersion(object.getClass()).equals(object.getApiVersion())) {
                    continue; // a list of one group's "services" must not yield another group's
                }
                boolean ours = object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
                if (ours && !wanted.contains(describe(object))) {
                    client.resource(object).delete();
                    changes.deleted().add(describe(object));
                }
            }
        }
    }

    static String describe(HasMetadata object) {
        return object.getApiVersion() + "/" + object.getKind() + "/" + object.getMetadata().getName();
    }
}
