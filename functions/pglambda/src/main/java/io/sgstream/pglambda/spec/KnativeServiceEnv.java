package io.sgstream.pglambda.spec;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.api.spec.TargetPgLambda;

import java.util.List;

/**
 * The container environment of the PgLambda Knative Service, for the reconciler that creates it: the script goes
 * in {@code SCRIPT} (the variable StackGres uses), inline or from the referenced Secret or ConfigMap key, so the
 * script text itself never has to be copied when it is referenced.
 */
public final class KnativeServiceEnv {

    /** Read by the service as the property {@code script}. */
    public static final String SCRIPT = "SCRIPT";

    private KnativeServiceEnv() {
    }

    /** @throws IllegalArgumentException when the section is not a valid JavaScript PgLambda */
    public static List<EnvVar> env(TargetPgLambda target) {
        PgLambdaScripts.checkJavaScript(target);
        if (target.getScript() != null) {
            // Kubernetes expands $(VAR) in env values; $$ is its escape for a literal $.
            return List.of(new EnvVar(SCRIPT, target.getScript().replace("$", "$$"), null));
        }
        PgLambdaScriptFrom from = target.getScriptFrom();
        EnvVarBuilder env = new EnvVarBuilder().withName(SCRIPT);
        if (from.getSecretKeyRef() != null) {
            env.withNewValueFrom().withNewSecretKeyRef(from.getSecretKeyRef().getKey(), from.getSecretKeyRef().getName(), false)
                    .endValueFrom();
        } else {
            env.withNewValueFrom().withNewConfigMapKeyRef(from.getConfigMapKeyRef().getKey(), from.getConfigMapKeyRef().getName(), false)
                    .endValueFrom();
        }
        return List.of(env.build());
    }
}
