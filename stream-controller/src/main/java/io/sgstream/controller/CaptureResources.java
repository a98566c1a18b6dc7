package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.knative.sources.v1.SinkBindingBuilder;
import io.sgstream.api.SGStream;
import io.sgstream.api.spec.PodsScheduling;
import io.sgstream.api.spec.ResourceMetadata;
import io.sgstream.api.spec.StreamPods;
import io.sgstream.api.spec.TargetType;
import io.sgstream.api.status.StreamCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capture service of a stream: a Deployment of one pod (strategy Recreate: a rolling update would run two pods
 * against one replication slot), its ServiceAccount with a Role that grants only what it uses, a ClusterIP Service
 * that receives signal requests, and a SinkBinding that gives it the Broker as {@code K_SINK} (not for a CloudEvent
 * target: the capture service posts to {@code spec.target.cloudEvent.http.url} itself).
 *
 * <p>Environment of the capture container: {@code SGSTREAM_NAME}, {@code SGSTREAM_NAMESPACE} (the stream to read
 * from the API), {@code POD_NAME} (its identity in the Lease {@code <stream>-capture} that keeps one capturer per
 * stream), plus {@code K_SINK}/{@code K_CE_OVERRIDES} injected by the SinkBinding.
 */
final class CaptureResources {

    static final String CONTAINER = "capture";
    static final int HTTP_PORT = 8080;
    static final String ENV_NAME = "SGSTREAM_NAME";
    static final String ENV_NAMESPACE = "SGSTREAM_NAMESPACE";
    static final String ENV_POD_NAME = "POD_NAME";
    /** The Lease the Role grants (names longer than 50 characters are shortened: the capture cannot guess). */
    static final String ENV_LEASE_NAME = "SGSTREAM_LEASE_NAME";

    private CaptureResources() {
    }

    static List<HasMetadata> of(SGStream stream, ControllerSettings settings) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(serviceAccount(stream));
        objects.add(role(stream));
        objects.add(roleBinding(stream));
        objects.add(deployment(stream, settings));
        objects.add(service(stream));
        if (stream.getSpec().getTarget().targetType().orElse(null) != TargetType.CLOUD_EVENT) {
            objects.add(sinkBinding(stream, settings));
        }
        return objects;
    }

    static ObjectMeta metadata(SGStream stream, String name, String component) {
        return new ObjectMetaBuilder().withName(name).withNamespace(stream.getMetadata().getNamespace())
                .withLabels(UserMetadata.labels(stream, StreamLabels.of(stream, component)))
                .withAnnotations(UserMetadata.annotations(stream, Map.of()))
                .withOwnerReferences(StreamLabels.ownerReference(stream)).build();
    }

    private static ServiceAccount serviceAccount(SGStream stream) {
        ObjectMeta meta = metadata(stream, ResourceNames.capture(stream), ResourceNames.CAPTURE);
        meta.setLabels(UserMetadata.labels(stream, ResourceMetadata::getServiceAccount, meta.getLabels()));
        meta.setAnnotations(UserMetadata.annotations(stream, ResourceMetadata::getServiceAccount, Map.of()));
        return new ServiceAccountBuilder().withMetadata(meta).build();
    }

    /** Least privilege: its own SGStream and status, the Secrets its source and its CloudEvent headers name, Events, its own Lease. */
    private static Role role(SGStream stream) {
        String name = stream.getMetadata().getName();
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(rule("stackgres.io", "sgstreams", List.of(name), "get", "list", "watch"));
        rules.add(rule("stackgres.io", "sgstreams/status", List.of(name), "get", "update", "patch"));
        List<String> secrets = StreamSecrets.names(StreamSecrets.capture(stream));
        if (!secrets.isEmpty()) { // an empty resourceNames would mean every Secret
            rules.add(rule("", "secrets", secrets, "get"));
        }
        rules.add(new PolicyRuleBuilder().withApiGroups("", "events.k8s.io").withResources("events")
                .withVerbs("create", "patch").build());
        // create cannot be limited by name (the name is not known to RBAC before the object exists)
        rules.add(rule("coordination.k8s.io", "leases", List.of(), "create"));
        // fabric8's elector renews with a patch
        rules.add(rule("coordination.k8s.io", "leases", List.of(ResourceNames.capture(stream)), "get", "update",
                "patch"));
        return new RoleBuilder().withMetadata(metadata(stream, ResourceNames.capture(stream), ResourceNames.CAPTURE))
                .withRules(rules).build();
    }

    private static PolicyRule rule(String group, String resource, List<String> names, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withResourceNames(names)
                .withVerbs(verbs).build();
    }

    private static RoleBinding roleBinding(SGStream stream) {
        String name = ResourceNames.capture(stream);
        return new RoleBindingBuilder().withMetadata(metadata(stream, name, ResourceNames.CAPTURE))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                .addNewSubject().withKind("ServiceAccount").withName(name)
                .withNamespace(stream.getMetadata().getNamespace()).endSubject()
                .build();
    }

    private static Deployment deployment(SGStream stream, ControllerSettings settings) {
        String name = ResourceNames.capture(stream);
        ObjectMeta meta = metadata(stream, name, ResourceNames.CAPTURE);
        Optional<StreamPods> pods = Optional.ofNullable(stream.getSpec().getPods());
        Optional<PodsScheduling> scheduling = pods.map(StreamPods::getScheduling);
        // a completed stream (tombstone done) keeps its objects for inspection but runs no pod
        boolean completed = Optional.ofNullable(stream.getStatus()).flatMap(s -> s.condition(StreamCondition.COMPLETED))
                .map(c -> StreamCondition.TRUE.equals(c.getStatus())).orElse(false);
        return new DeploymentBuilder().withMetadata(meta)
                .withNewSpec()
                .withReplicas(completed ? 0 : 1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(StreamLabels.selector(stream, ResourceNames.CAPTURE)).endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(UserMetadata.labels(stream, ResourceMetadata::getPods, StreamLabels.of(stream, ResourceNames.CAPTURE)))
                .withAnnotations(UserMetadata.annotations(stream, ResourceMetadata::getPods, Map.of()))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(name)
                .withEnableServiceLinks(false) // no *_SERVICE_HOST variables from every Service of the namespace
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(settings.captureImage())
                .withEnv(env(stream))
                .addNewPort().withName("http").withContainerPort(HTTP_PORT).endPort()
                .withReadinessProbe(probe("/q/health/ready"))
                .withLivenessProbe(probe("/q/health/live"))
                .withResources(pods.map(StreamPods::getResources).orElse(null))
                .endContainer()
                .withNodeSelector(scheduling.map(PodsScheduling::getNodeSelector).orElse(null))
                .withTolerations(scheduling.map(PodsScheduling::getTolerations).orElse(null))
                .withPriorityClassName(scheduling.map(PodsScheduling::getPriorityClassName).orElse(null))
                .withTopologySpreadConstraints(scheduling.map(PodsScheduling::getTopologySpreadConstraints).orElse(null))
                .withAffinity(scheduling.map(CaptureResources::affinity).orElse(null))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<EnvVar> env(SGStream stream) {
        return List.of(
                new EnvVar(ENV_NAME, stream.getMetadata().getName(), null),
                new EnvVar(ENV_NAMESPACE, stream.getMetadata().getNamespace(), null),
                new EnvVar(ENV_LEASE_NAME, ResourceNames.capture(stream), null),
                new EnvVarBuilder().withName(ENV_POD_NAME).withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
    }

    private static Probe probe(String path) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(10).withFailureThreshold(6).build();
    }

    private static Affinity affinity(PodsScheduling scheduling) {
        if (scheduling.getNodeAffinity() == null && scheduling.getPodAffinity() == null
                && scheduling.getPodAntiAffinity() == null) {
            return null;
        }
        return new AffinityBuilder().withNodeAffinity(scheduling.getNodeAffinity())
                .withPodAffinity(scheduling.getPodAffinity()).withPodAntiAffinity(scheduling.getPodAntiAffinity())
                .build();
    }

    /** Where the {@code <stream>-signals} Trigger delivers signal requests: port 80 to the pod's 8080. */
    private static Service service(SGStream stream) {
        return new ServiceBuilder().withMetadata(metadata(stream, ResourceNames.capture(stream), ResourceNames.CAPTURE))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(StreamLabels.selector(stream, ResourceNames.CAPTURE))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    private static SinkBinding sinkBinding(SGStream stream, ControllerSettings settings) {
        return new SinkBindingBuilder()
                .withMetadata(metadata(stream, ResourceNames.capture(stream), ResourceNames.CAPTURE))
                .withNewSpec()
                .withNewSubject().withApiVersion("apps/v1").withKind("Deployment")
                .withName(ResourceNames.capture(stream)).endSubject()
                .withNewSink().withNewRef().withApiVersion("eventing.knative.dev/v1").withKind("Broker")
                .withName(settings.brokerName()).endRef().endSink()
                .endSpec()
                .build();
    }
}
