package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sgstream.api.SGStream;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must exist before a stream's objects are worth creating: the SGClusters it names and the Secret (and
 * ConfigMap) keys its components read. Missing ones are reported by name, so the user knows what to create; the
 * stream is looked at again on the next resync. Secret values are only checked for presence, never read out.
 */
final class StreamDependencies {

    static final ResourceDefinitionContext SGCLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("stackgres.io").withVersion("v1").withKind("SGCluster").withPlural("sgclusters")
            .withNamespaced(true).build();

    private final KubernetesClient client;

    StreamDependencies(KubernetesClient client) {
        this.client = client;
    }

    /** What is missing, one sentence each; empty when everything is there. */
    List<String> missing(SGStream stream) {
        String namespace = stream.getMetadata().getNamespace();
        Set<String> problems = new LinkedHashSet<>();
        if (stream.getSpec().getSource().sourceType().orElse(null) == SourceType.SGCLUSTER) {
            cluster(namespace, stream.getSpec().getSource().getSgCluster().getName(), "spec.source.sgCluster.name",
                    problems);
        }
        List<SecretKeySelector> secrets = new ArrayList<>(StreamSecrets.capture(stream));
        StreamTarget target = stream.getSpec().getTarget();
        if (target.targetType().orElse(null) == TargetType.SGCLUSTER) {
            cluster(namespace, target.getSgCluster().getName(), "spec.target.sgCluster.name", problems);
            secrets.add(StreamSecrets.targetUsername(target.getSgCluster()));
            secrets.add(StreamSecrets.targetPassword(target.getSgCluster()));
        }
        if (target.targetType().orElse(null) == TargetType.PG_LAMBDA && target.getPgLambda().getScriptFrom() != null) {
            PgLambdaScriptFrom from = target.getPgLambda().getScriptFrom();
            if (from.getSecretKeyRef() != null) {
                secrets.add(from.getSecretKeyRef());
            } else {
                configMapKey(namespace, from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey(),
                        problems);
            }
        }
        for (SecretKeySelector key : secrets) {
            secretKey(namespace, key, problems);
        }
        return List.copyOf(problems);
    }

    private void cluster(String namespace, String name, String field, Set<String> problems) {
        if (client.genericKubernetesResources(SGCLUSTER).inNamespace(namespace).withName(name).get() == null) {
            problems.add("SGCluster " + name + " (" + field + ") not found in namespace " + namespace);
        }
    }

    private void secretKey(String namespace, SecretKeySelector key, Set<String> problems) {
        Secret secret = client.secrets().inNamespace(namespace).withName(key.getName()).get();
        if (secret == null) {
            problems.add("Secret " + key.getName() + " not found in namespace " + namespace);
        } else if (!has(secret.getData(), key.getKey()) && !has(secret.getStringData(), key.getKey())) {
            problems.add("Secret " + key.getName() + " has no key " + key.getKey());
        }
    }

    private void configMapKey(String namespace, String name, String key, Set<String> problems) {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            problems.add("ConfigMap " + name + " not found in namespace " + namespace);
        } else if (!has(map.getData(), key) && !has(map.getBinaryData(), key)) {
            problems.add("ConfigMap " + name + " has no key " + key);
        }
    }

    private static boolean has(Map<String, String> map, String key) {
        return map != null && map.containsKey(key);
    }
}
