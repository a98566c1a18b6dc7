package io.sgstream.pglambda.spec;

import io.sgstream.api.spec.ConfigMapKeySelector;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.TargetPgLambda;

/** The script of an SGStream's {@code spec.target.pgLambda}: inline {@code script} or {@code scriptFrom} a key. */
public final class PgLambdaScripts {

    private PgLambdaScripts() {
    }

    /**
     * The script text.
     *
     * @throws IllegalArgumentException when the section asks for another language, has both or neither of
     *                                  {@code script} and {@code scriptFrom}, or the referenced key is missing
     */
    public static String script(TargetPgLambda target, ScriptKeyResolver resolver) {
        checkJavaScript(target);
        if (target.getScript() != null) {
            return target.getScript();
        }
        PgLambdaScriptFrom from = target.getScriptFrom();
        if (from.getSecretKeyRef() != null) {
            SecretKeySelector s = from.getSecretKeyRef();
            return resolver.secretKey(s.getName(), s.getKey());
        }
        ConfigMapKeySelector c = from.getConfigMapKeyRef();
        return resolver.configMapKey(c.getName(), c.getKey());
    }

    /** The name a script goes by in error messages: the key it was read from, or {@code pglambda.js} when inline. */
    public static String scriptName(TargetPgLambda target) {
        PgLambdaScriptFrom from = target == null ? null : target.getScriptFrom();
        if (target != null && target.getScript() == null && from != null) {
            if (from.getSecretKeyRef() != null && from.getSecretKeyRef().getKey() != null) {
                return from.getSecretKeyRef().getKey();
            }
            if (from.getConfigMapKeyRef() != null && from.getConfigMapKeyRef().getKey() != null) {
                return from.getConfigMapKeyRef().getKey();
            }
        }
        return "pglambda.js";
    }

    static void checkJavaScript(TargetPgLambda target) {
        if (target == null) {
            throw new IllegalArgumentException("spec.target.pgLambda is required when spec.target.type is PgLambda");
        }
        String type = target.getScriptType();
        if (type != null && !TargetPgLambda.SCRIPT_TYPE_JAVASCRIPT.equals(type)) {
            throw new IllegalArgumentException("spec.target.pgLambda.scriptType '" + type + "' is not supported: only "
                    + TargetPgLambda.SCRIPT_TYPE_JAVASCRIPT + " (Java functions are deployed from the Java template)");
        }
        PgLambdaScriptFrom from = target.getScriptFrom();
        boolean inline = target.getScript() != null;
        boolean referenced = from != null && (from.getSecretKeyRef() != null || from.getConfigMapKeyRef() != null);
        if (inline == referenced) {
            throw new IllegalArgumentException("spec.target.pgLambda needs exactly one of script and scriptFrom");
        }
        if (from != null && from.getSecretKeyRef() != null && from.getConfigMapKeyRef() != null) {
            throw new IllegalArgumentException("spec.target.pgLambda.scriptFrom needs exactly one of secretKeyRef and configMapKeyRef");
        }
        if (from != null && from.getSecretKeyRef() != null) {
            requireNameAndKey("secretKeyRef", from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey());
        }
        if (from != null && from.getConfigMapKeyRef() != null) {
            requireNameAndKey("configMapKeyRef", from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey());
        }
    }

    private static void requireNameAndKey(String what, String name, String key) {
        if (name == null || name.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("spec.target.pgLambda.scriptFrom." + what + " needs a name and a key");
        }
    }
}
