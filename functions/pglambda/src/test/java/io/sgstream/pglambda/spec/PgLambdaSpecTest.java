package io.sgstream.pglambda.spec;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.sgstream.api.spec.ConfigMapKeySelector;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.TargetPgLambda;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.TestEvents;
import io.sgstream.pglambda.js.Console;
import io.sgstream.pglambda.js.ScriptCompileException;
import io.sgstream.pglambda.js.Scripts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code spec.target.pgLambda}: where the script comes from, for the local runner and the Knative Service. */
class PgLambdaSpecTest {

    static final ScriptKeyResolver RESOLVER = ScriptKeyResolver.of(
            Map.of("lambda-script/handler.js", "response.end();"),
            Map.of("lambda-secret/handler.js", "drop();"));

    static TargetPgLambda inline(String script) {
        TargetPgLambda target = new TargetPgLambda();
        target.setScript(script);
        return target;
    }

    static TargetPgLambda fromConfigMap(String name, String key) {
        ConfigMapKeySelector ref = new ConfigMapKeySelector();
        ref.setName(name);
        ref.setKey(key);
        PgLambdaScriptFrom from = new PgLambdaScriptFrom();
        from.setConfigMapKeyRef(ref);
        TargetPgLambda target = new TargetPgLambda();
        target.setScriptFrom(from);
        return target;
    }

    static TargetPgLambda fromSecret(String name, String key) {
        PgLambdaScriptFrom from = new PgLambdaScriptFrom();
        from.setSecretKeyRef(SecretKeySelector.of(name, key));
        TargetPgLambda target = new TargetPgLambda();
        target.setScriptFrom(from);
        return target;
    }

    @Test
    void scriptComesInlineOrFromTheReferencedKey() {
        assertThat(PgLambdaScripts.script(inline("reply('a.b', 1);"), RESOLVER)).isEqualTo("reply('a.b', 1);");
        assertThat(PgLambdaScripts.script(fromConfigMap("lambda-script", "handler.js"), RESOLVER)).isEqualTo("response.end();");
        assertThat(PgLambdaScripts.script(fromSecret("lambda-secret", "handler.js"), RESOLVER)).isEqualTo("drop();");
        assertThatThrownBy(() -> PgLambdaScripts.script(fromConfigMap("lambda-script", "other.js"), RESOLVER))
                .hasMessage("ConfigMap lambda-script has no key other.js");
    }

    @Test
    void aPgLambdaIsBuiltFromTheSpecWithTheKeyAsScriptName() {
        try (PgLambda lambda = PgLambda.forTarget(fromConfigMap("lambda-script", "handler.js"), RESOLVER,
                Scripts.options(new Console()), PgLambdaOptions.defaults())) {
            assertThat(lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1")).status()).isEqualTo(200);
        }
        ScriptCompileException e = catchThrowableOfType(ScriptCompileException.class, () -> PgLambda.forTarget(
                fromConfigMap("bad", "broken.js"), ScriptKeyResolver.of(Map.of("bad/broken.js", "reply(;"), Map.of()),
                Scripts.options(new Console()), PgLambdaOptions.defaults()));
        assertThat(e.getMessage()).startsWith("broken.js does not compile at line 1, column 7");
    }

    @Test
    void invalidSectionsAreRefusedWithTheFieldToFix() {
        TargetPgLambda both = fromSecret("s", "k");
        both.setScript("x");
        TargetPgLambda python = inline("x");
        python.setScriptType("python");

        assertThatThrownBy(() -> PgLambdaScripts.script(both, RESOLVER)).hasMessageContaining("exactly one of script and scriptFrom");
        assertThatThrownBy(() -> PgLambdaScripts.script(new TargetPgLambda(), RESOLVER)).hasMessageContaining("exactly one of script and scriptFrom");
        assertThatThrownBy(() -> PgLambdaScripts.script(python, RESOLVER)).hasMessageContaining("scriptType 'python' is not supported");
        assertThatThrownBy(() -> PgLambdaScripts.script(fromConfigMap("", "k"), RESOLVER)).hasMessageContaining("configMapKeyRef needs a name and a key");
        assertThatThrownBy(() -> PgLambdaScripts.script(null, RESOLVER)).hasMessageContaining("spec.target.pgLambda is required");
    }

    @Test
    void knativeServiceGetsTheInlineScriptWithDollarsEscaped() {
        List<EnvVar> env = KnativeServiceEnv.env(inline("reply('a.b', `$(total) ${change.op}`);"));

        assertThat(env).hasSize(1);
        assertThat(env.get(0).getName()).isEqualTo("SCRIPT");
        assertThat(env.get(0).getValue()).isEqualTo("reply('a.b', `$$(total) $${change.op}`);");
        assertThat(env.get(0).getValueFrom()).isNull();
    }

    @Test
    void knativeServiceReadsAReferencedScriptFromItsKey() {
        EnvVar fromConfigMap = KnativeServiceEnv.env(fromConfigMap("lambda-script", "handler.js")).get(0);
        EnvVar fromSecret = KnativeServiceEnv.env(fromSecret("lambda-secret", "handler.js")).get(0);

        assertThat(fromConfigMap.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("lambda-script");
        assertThat(fromConfigMap.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("handler.js");
        assertThat(fromSecret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("lambda-secret");
        assertThat(fromSecret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("handler.js");
    }
}
