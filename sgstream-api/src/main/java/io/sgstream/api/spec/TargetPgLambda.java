package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.pgLambda}: run a user function on every change, deployed as a Knative Service. Exactly one of
 * {@code script} and {@code scriptFrom} gives the code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetPgLambda {

    private String scriptType;
    private String script;
    private PgLambdaScriptFrom scriptFrom;
    private PgLambdaKnative knative;

    /** Language of the script; only {@value #SCRIPT_TYPE_JAVASCRIPT} (the default). */
    public String getScriptType() {
        return scriptType;
    }

    public void setScriptType(String scriptType) {
        this.scriptType = scriptType;
    }

    /** The script itself. */
    public String getScript() {
        return script;
    }

    public void setScript(String script) {
        this.script = script;
    }

    /** Where to read the script from: a Secret or a ConfigMap key. */
    public PgLambdaScriptFrom getScriptFrom() {
        return scriptFrom;
    }

    public void setScriptFrom(PgLambdaScriptFrom scriptFrom) {
        this.scriptFrom = scriptFrom;
    }

    /** Knative Service metadata and HTTP delivery settings. */
    public PgLambdaKnative getKnative() {
        return knative;
    }

    public void setKnative(PgLambdaKnative knative) {
        this.knative = knative;
    }

    public static final String SCRIPT_TYPE_JAVASCRIPT = "javascript";

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TargetPgLambda that = (TargetPgLambda) o;
        return Objects.equals(scriptType, that.scriptType)
                && Objects.equals(script, that.script)
                && Objects.equals(scriptFrom, that.scriptFrom)
                && Objects.equals(knative, that.knative);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scriptType, script, scriptFrom, knative);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "TargetPgLambda{", "}");
        if (scriptType != null) {
            fields.add("scriptType=" + scriptType);
        }
        if (script != null) {
            fields.add("script=" + script);
        }
        if (scriptFrom != null) {
            fields.add("scriptFrom=" + scriptFrom);
        }
        if (knative != null) {
            fields.add("knative=" + knative);
        }
        return fields.toString();
    }
}
