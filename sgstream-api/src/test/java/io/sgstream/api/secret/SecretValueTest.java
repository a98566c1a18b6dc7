package io.sgstream.api.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretValueTest {

    @Test
    void neverPrintsItsValue() {
        SecretValue secret = SecretValue.of("p@ssw0rd");

        assertThat(secret.toString()).isEqualTo("<redacted>");
        assertThat(String.valueOf(secret)).doesNotContain("p@ssw0rd");
        assertThat(secret.reveal()).isEqualTo("p@ssw0rd");
    }

    @Test
    void comparesByValueWithoutAHashThatDependsOnIt() {
        assertThat(SecretValue.of("a")).isEqualTo(SecretValue.of("a")).isNotEqualTo(SecretValue.of("b"));
        assertThat(SecretValue.of("a").hashCode()).isEqualTo(SecretValue.of("b").hashCode());
    }

    @Test
    void keepsItsOwnCopyOfBytes() {
        byte[] bytes = {1, 2, 3};
        SecretValue secret = SecretValue.ofBytes(bytes);
        bytes[0] = 9;
        secret.revealBytes()[1] = 9;

        assertThat(secret.revealBytes()).containsExactly(1, 2, 3);
    }
}
