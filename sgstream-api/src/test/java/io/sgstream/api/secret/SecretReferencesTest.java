package io.sgstream.api.secret;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ${secret:<name>/<key>}} in plain-text settings, resolved by any {@link SecretResolver}. */
class SecretReferencesTest {

    private final SecretResolver secrets = new EnvSecretResolver(Map.of(
            "SGSTREAM_SECRET_SINK_AUTH_TOKEN", "t0k$en\\1",
            "SGSTREAM_SECRET_SINK_AUTH_USER", "svc"), null);

    @Test
    void everyReferenceIsReplacedAndTheValueKeptAsItIs() {
        assertThat(secrets.resolveReferences("Bearer ${secret:sink-auth/token}").map(SecretValue::reveal))
                .contains("Bearer t0k$en\\1");
        assertThat(secrets.resolveReferences("${secret: sink-auth / user }:${secret:sink-auth/token}")
                .map(SecretValue::reveal)).contains("svc:t0k$en\\1");
    }

    @Test
    void textWithoutReferenceIsNoSecret() {
        assertThat(secrets.resolveReferences("billing")).isEmpty();
        assertThat(secrets.resolveReferences("costs $5 {not a secret}")).isEmpty();
        assertThat(SecretResolver.hasReferences(null)).isFalse();
    }

    @Test
    void aMalformedReferenceIsAnErrorNotACredential() {
        assertThatThrownBy(() -> secrets.resolveReferences("Bearer ${secret:sink-auth}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${secret:<name>/<key>}");
        assertThatThrownBy(() -> SecretResolver.hasReferences("${secret:a/b} ${secret:oops"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingSecretSaysWhereItLooked() {
        assertThatThrownBy(() -> secrets.resolveReferences("${secret:other/key}"))
                .isInstanceOf(SecretNotFoundException.class).hasMessageContaining("SGSTREAM_SECRET_OTHER_KEY");
    }
}
