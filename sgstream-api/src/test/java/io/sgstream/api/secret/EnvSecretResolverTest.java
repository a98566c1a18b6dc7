package io.sgstream.api.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgstream.api.spec.SecretKeySelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSecretResolverTest {

    private static final SecretKeySelector PASSWORD = SecretKeySelector.of("pg-creds", "password");

    @TempDir
    Path dir;

    @Test
    void namesTheVariableAfterSecretAndKey() {
        assertThat(EnvSecretResolver.environmentVariable(PASSWORD)).isEqualTo("SGSTREAM_SECRET_PG_CREDS_PASSWORD");
        assertThat(EnvSecretResolver.environmentVariable(SecretKeySelector.of("db.tls", "tls.key")))
                .isEqualTo("SGSTREAM_SECRET_DB_TLS_TLS_KEY");
    }

    @Test
    void readsTheVariableFirst() throws IOException {
        write("pg-creds/password", "from-file");
        EnvSecretResolver resolver =
                new EnvSecretResolver(Map.of("SGSTREAM_SECRET_PG_CREDS_PASSWORD", "from-env"), dir);

        assertThat(resolver.resolve(PASSWORD).reveal()).isEqualTo("from-env");
    }

    @Test
    void readsAFileLaidOutLikeAMountedSecret() throws IOException {
        write("pg-creds/password", "s3cret\n");
        write("pg-creds/windows", "s3cret\r\n");
        write("pg-creds/two-lines", "line1\nline2\n\n");

        EnvSecretResolver resolver = new EnvSecretResolver(Map.of(), dir);

        assertThat(resolver.resolve(PASSWORD).reveal()).isEqualTo("s3cret");
        assertThat(resolver.resolve(SecretKeySelector.of("pg-creds", "windows")).reveal()).isEqualTo("s3cret");
        assertThat(resolver.resolve(SecretKeySelector.of("pg-creds", "two-lines")).reveal()).isEqualTo("line1\nline2\n");
    }

    @Test
    void followsTheSymlinksKubernetesMountsSecretsWith() throws IOException {
        write("pg-creds/..2026_03_01/password", "linked");
        Files.createSymbolicLink(dir.resolve("pg-creds/..data"), Path.of("..2026_03_01"));
        Files.createSymbolicLink(dir.resolve("pg-creds/password"), Path.of("..data/password"));

        assertThat(new EnvSecretResolver(Map.of(), dir).resolve(PASSWORD).reveal()).isEqualTo("linked");
    }

    @Test
    void returnsBinaryContentUntouched() throws IOException {
        byte[] der = {0x30, (byte) 0x82, 0x01, 0x0a, 0x02, 0x0a};
        Files.createDirectories(dir.resolve("tls"));
        Files.write(dir.resolve("tls/key.der"), der);

        assertThat(new EnvSecretResolver(Map.of(), dir).resolve(SecretKeySelector.of("tls", "key.der")).revealBytes())
                .isEqualTo(der);
    }

    @Test
    void saysWhereItLookedWhenNothingIsThere() {
        EnvSecretResolver resolver = new EnvSecretResolver(Map.of("SGSTREAM_SECRET_OTHER_KEY", "hunter2"), dir);

        assertThatThrownBy(() -> resolver.resolve(PASSWORD))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessage("Secret pg-creds key password not found: set environment variable "
                        + "SGSTREAM_SECRET_PG_CREDS_PASSWORD or create the file " + dir.resolve("pg-creds/password"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new EnvSecretResolver(Map.of(), null).resolve(PASSWORD))
                .hasMessageContaining("SGSTREAM_SECRETS_DIR");
    }

    @Test
    void neverLeavesTheDirectory() throws IOException {
        write("outside", "do not read");
        EnvSecretResolver resolver = new EnvSecretResolver(Map.of(), dir.resolve("secrets"));

        assertThatThrownBy(() -> resolver.resolve(SecretKeySelector.of("..", "outside")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolve(SecretKeySelector.of("x", "../../outside")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
