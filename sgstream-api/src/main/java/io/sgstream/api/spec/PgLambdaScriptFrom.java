package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.pgLambda.scriptFrom}: exactly one of a Secret key or a ConfigMap key holding the script.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PgLambdaScriptFrom {

    private SecretKeySelector secretKeyRef;
    private ConfigMapKeySelector configMapKeyRef;

    /** Secret key holding the script. */
    public SecretKeySelector getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    /** ConfigMap key holding the script. */
    public ConfigMapKeySelector getConfigMapKeyRef() {
        return configMapKeyRef;
    }

    public void setConfigMapKeyRef(ConfigMapKeySelector configMapKeyRef) {
        this.configMapKeyRef = configMapKeyRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        PgLambdaScriptFrom that = (PgLambdaScriptFrom) o;
        return Objects.equals(secretKeyRef, that.secretKeyRef)
                && Objects.equals(configMapKeyRef, that.configMapKeyRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretKeyRef, configMapKeyRef);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "PgLambdaScriptFrom{", "}");
        if (secretKeyRef != null) {
            fields.add("secretKeyRef=" + secretKeyRef);
        }
        if (configMapKeyRef != null) {
            fields.add("configMapKeyRef=" + configMapKeyRef);
        }
        return fields.toString();
    }
}
