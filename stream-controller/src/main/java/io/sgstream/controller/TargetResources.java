package io.sgstream.controller;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.DeliverySpecBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.sgstream.api.PostgresConnection;
import io.sgstream.api.SGStream;
import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.api.spec.PgLambdaKnative;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.SourceSection;
import io.sgstream.api.spec.SourcePostgres;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.TargetPgLambda;
import io.sgstream.api.spec.TargetSGCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The function that receives a stream's events, with its Trigger: {@code <stream>-apply} (sgcluster-apply image)
 * for an SGCluster target, {@code <stream>-pglambda} (pglambda image) for a PgLambda target. A CloudEvent target
 * needs neither: the capture service delivers to the user's URL.
 */
final class TargetResources {

    // sgcluster-apply (functions/sgcluster-apply/src/main/resources/application.properties: sgstream.apply.target.*)
    static final String ENV_JDBC_URL = "SGSTREAM_APPLY_TARGET_JDBC_URL";
    static final String ENV_USERNAME = "SGSTREAM_APPLY_TARGET_USERNAME";
    static final String ENV_PASSWORD = "SGSTREAM_APPLY_TARGET_PASSWORD";
    // target preparation (sgstream.apply.prepare.*: DDL import, index/constraint deferral)
    static final String ENV_PREPARE = "SGSTREAM_APPLY_PREPARE_";
    // pglambda (functions/pglambda: io.sgstream.pglambda.spec.KnativeServiceEnv.SCRIPT, StackGres's variable)
    static final String ENV_SCRIPT = "SCRIPT";
    static final String AUTOSCALING_PREFIX = "autoscaling.knative.dev/";
    static final String VISIBILITY = "networking.knative.dev/visibility";

    private TargetResources() {
    }

    static List<HasMetadata> apply(SGStream stream, ControllerSettings settings) {
        TargetSGCluster target = stream.getSpec().getTarget().getSgCluster();
        String name = ResourceNames.apply(stream);
        ObjectMeta meta = CaptureResources.metadata(stream, name, ResourceNames.APPLY);
        // reached only through the Broker: no route from outside the cluster
        meta.setLabels(UserMetadata.merge(meta.getLabels(), Map.of(VISIBILITY, "cluster-local")));
        String jdbcUrl = "jdbc:postgresql://" + target.getName() + "." + stream.getMetadata().getNamespace() + ":"
                + settings.sgClusterPort() + "/"
                + Optional.ofNullable(target.getDatabase()).orElse(TargetSGCluster.DEFAULT_DATABASE);
        List<EnvVar> env = new ArrayList<>(List.of(
                new EnvVar(ENV_JDBC_URL, jdbcUrl, null),
                secretEnv(ENV_USERNAME, StreamSecrets.targetUsername(target)),
                secretEnv(ENV_PASSWORD, StreamSecrets.targetPassword(target))));
        env.addAll(preparationEnv(stream, target));
        // at least one pod: it applies staged transactions in the background, not only while a request runs
        Service service = knativeService(stream, meta, settings.applyImage(), ResourceNames.APPLY, env,
                Map.of(AUTOSCALING_PREFIX + "min-scale", "1"));
        return List.of(service, StreamTriggers.toFunction(stream, settings, name, ResourceNames.APPLY, name, null));
    }

    static List<HasMetadata> pgLambda(SGStream stream, ControllerSettings settings) {
        TargetPgLambda target = stream.getSpec().getTarget().getPgLambda();
        String name = ResourceNames.pglambda(stream);
        Optional<PgLambdaKnative> knative = Optional.ofNullable(target.getKnative());
        ObjectMeta meta = CaptureResources.metadata(stream, name, ResourceNames.PGLAMBDA);
        // copied onto the Service as StackGres does; the controller's labels win over a user's
        knative.map(PgLambdaKnative::getLabels)
                .ifPresent(l -> meta.setLabels(UserMetadata.merge(l, meta.getLabels())));
        Map<String, String> annotations = knative.map(PgLambdaKnative::getAnnotations).orElse(Map.of());
        meta.setAnnotations(UserMetadata.merge(meta.getAnnotations(), annotations));
        // Knative reads autoscaling annotations on the revision template only, so those are copied there too
        Map<String, String> revision = new LinkedHashMap<>();
        annotations.forEach((k, v) -> {
            if (k.startsWith(AUTOSCALING_PREFIX)) {
                revision.put(k, v);
            }
        });
        Service service = knativeService(stream, meta, settings.pglambdaImage(), ResourceNames.PGLAMBDA,
                List.of(scriptEnv(target)), revision);
        DeliverySpec delivery = knative.map(PgLambdaKnative::getHttp).map(TargetResources::delivery).orElse(null);
        return List.of(service, StreamTriggers.toFunction(stream, settings, name, ResourceNames.PGLAMBDA, name, delivery));
    }

    /**
     * {@code spec.target.sgCluster}'s preparation flags with StackGres's defaults (import the DDL, drop indexes,
     * constraints and keys for the snapshot, restore them after it); the DDL is read from the source with the
     * credentials the capture uses, handed over as Secret references.
     */
    private static List<EnvVar> preparationEnv(SGStream stream, TargetSGCluster target) {
        boolean importDdl = !Boolean.TRUE.equals(target.getSkipDdlImport());
        List<EnvVar> env = new ArrayList<>();
        env.add(prepare("IMPORT_DDL", importDdl));
        if (importDdl) {
            env.add(new EnvVar(ENV_PREPARE + "SOURCE_JDBC_URL", PostgresConnection.sourceJdbcUrl(stream), null));
            env.add(secretEnv(ENV_PREPARE + "SOURCE_USERNAME", StreamSecrets.sourceUsername(stream)));
            env.add(secretEnv(ENV_PREPARE + "SOURCE_PASSWORD", StreamSecrets.sourcePassword(stream)));
            // TLS as the capture connects: sslmode is in the URL, the certificates and key come from the Secrets
            SourcePostgres postgres = stream.getSpec().getSource().getPostgres();
            if (postgres != null && stream.getSpec().getSource().sourceType().orElse(null) == SourceType.POSTGRES) {
                Optional.ofNullable(postgres.getSslRootCert())
                        .ifPresent(k -> env.add(secretEnv(ENV_PREPARE + "SOURCE_SSL_ROOT_CERT", k)));
                Optional.ofNullable(postgres.getSslCert())
                        .ifPresent(k -> env.add(secretEnv(ENV_PREPARE + "SOURCE_SSL_CERT", k)));
                Optional.ofNullable(postgres.getSslKey())
                        .ifPresent(k -> env.add(secretEnv(ENV_PREPARE + "SOURCE_SSL_KEY", k)));
            }
            Optional.ofNullable(target.getDdlImportRoleSkipFilter())
                    .ifPresent(f -> env.add(new EnvVar(ENV_PREPARE + "ROLE_SKIP_FILTER", f, null)));
        }
        // which tables are imported and deferred: those the stream captures
        Optional<SourceSection> section = stream.getSpec().getSource().activeSection();
        section.map(SourceSection::getIncludes).ifPresent(p -> env.add(patterns("INCLUDES", p)));
        section.map(SourceSection::getExcludes).ifPresent(p -> env.add(patterns("EXCLUDES", p)));
        env.add(prepare("DROP_INDEXES_AND_CONSTRAINTS", !Boolean.TRUE.equals(target.getSkipDropIndexesAndConstraints())));
        env.add(prepare("DROP_PRIMARY_KEYS", !Boolean.TRUE.equals(target.getSkipDropPrimaryKeys())));
        env.add(prepare("RESTORE_AFTER_SNAPSHOT", !Boolean.TRUE.equals(target.getSkipRestoreIndexesAfterSnapshot())));
        return env;
    }

    private static EnvVar prepare(String name, boolean value) {
        return new EnvVar(ENV_PREPARE + name, Boolean.toString(value), null);
    }

    /** A MicroProfile Config list: a backslash escapes the next character, so the patterns' own are doubled. */
    private static EnvVar patterns(String name, List<String> patterns) {
        return new EnvVar(ENV_PREPARE + name, patterns.stream()
                .map(p -> p.replace("\\", "\\\\").replace(",", "\\,")).collect(Collectors.joining(",")), null);
    }

    private static Service knativeService(SGStream stream, ObjectMeta meta, String image, String component,
            List<EnvVar> env, Map<String, String> revisionAnnotations) {
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(StreamLabels.of(stream, component))
                .withAnnotations(revisionAnnotations.isEmpty() ? null : revisionAnnotations)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(component)
                .withImage(image)
                .withEnv(env)
                .addNewPort().withContainerPort(8080).endPort()
                .withReadinessProbe(probe("/health/readiness"))
                .withLivenessProbe(probe("/health/liveness"))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** Knative probes the container's port itself: a port here would be rejected. */
    private static Probe probe(String path) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).endHttpGet().build();
    }

    private static EnvVar secretEnv(String name, SecretKeySelector key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom()
                .withNewSecretKeyRef(key.getKey(), key.getName(), false).endValueFrom().build();
    }

    /** The script inline, or read by the kubelet from the Secret or ConfigMap key (never copied by us). */
    private static EnvVar scriptEnv(TargetPgLambda target) {
        if (target.getScript() != null) {
            // Kubernetes expands $(VAR) in values; $$ is its escape for a literal $
            return new EnvVar(ENV_SCRIPT, target.getScript().replace("$", "$$"), null);
        }
        PgLambdaScriptFrom from = target.getScriptFrom();
        EnvVarBuilder env = new EnvVarBuilder().withName(ENV_SCRIPT);
        if (from.getSecretKeyRef() != null) {
            return env.withNewValueFrom().withNewSecretKeyRef(from.getSecretKeyRef().getKey(),
                    from.getSecretKeyRef().getName(), false).endValueFrom().build();
        }
        return env.withNewValueFrom().withNewConfigMapKeyRef(from.getConfigMapKeyRef().getKey(),
                from.getConfigMapKeyRef().getName(), false).endValueFrom().build();
    }

    /**
     * StackGres's HTTP settings of the PgLambda call, as the Broker's delivery to it: {@code readTimeout} is the
     * per-attempt timeout, {@code retryLimit} the number of retries (exponential backoff).
     */
    private static DeliverySpec delivery(CloudEventHttp http) {
        if (http.getReadTimeout() == null && http.getRetryLimit() == null) {
            return null;
        }
        DeliverySpecBuilder delivery = new DeliverySpecBuilder().withTimeout(http.getReadTimeout());
        if (http.getRetryLimit() != null) {
            delivery.withRetry(http.getRetryLimit()).withBackoffPolicy("exponential");
        }
        return delivery.build();
    }
}
