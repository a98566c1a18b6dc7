package io.sgstream.local;

import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source that cannot be captured, or credentials that cannot be found, stop the runner before it starts anything:
 * an actionable message, an exit code of its own, and nothing created on the target. And a {@code type: Postgres}
 * source section whose Secrets are files of a secrets directory is streamed like any other.
 */
class SourceChecksTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();
    @RegisterExtension
    static final PostgresExtension NON_LOGICAL = PostgresExtension.nonLogical();

    private static final String[] STREAM = {"--stream", "../knative/examples/local-demo.yaml",
            "--triggers", "../knative/local/local-demo-triggers.yaml", "--port", "0", "--duration", "PT0S"};

    @Test
    void sourceWithoutLogicalWalLevelIsRefusedWithExitCode3() throws Exception {
        String source = NON_LOGICAL.createDatabase("replica");
        NON_LOGICAL.execute(source, "CREATE TABLE t (id int PRIMARY KEY)");
        String target = PG.createDatabase("untouched");
        Result r = run(LocalRunnerTest.concat(STREAM, "--source-url", NON_LOGICAL.jdbcUrl(source),
                "--target-url", PG.jdbcUrl(target)));
        assertThat(r.code).as(r.out).isEqualTo(LocalRunner.EXIT_SOURCE_NOT_CAPTURABLE);
        assertThat(r.out).contains("The source cannot be captured (WAL_LEVEL)", "wal_level is 'replica'",
                "ALTER SYSTEM SET wal_level = logical", "nothing was started or created on the target");
        assertUntouched(target);
    }

    @Test
    void userWithoutReplicationIsRefusedWithExitCode3() throws Exception {
        String source = PG.createDatabase("noreplication");
        String user = source + "_user"; // roles are per server: one of its own per run
        PG.execute(source, "CREATE TABLE t (id int PRIMARY KEY)",
                "CREATE ROLE " + user + " LOGIN PASSWORD 'secret' NOREPLICATION", "GRANT ALL ON TABLE t TO " + user);
        String target = PG.createDatabase("untouched");
        Result r = run(LocalRunnerTest.concat(STREAM, "--source-url", PG.jdbcUrl(source), "--target-url", PG.jdbcUrl(target),
                "--user", user, "--password", "secret"));
        assertThat(r.code).as(r.out).isEqualTo(LocalRunner.EXIT_SOURCE_NOT_CAPTURABLE);
        assertThat(r.out).contains("(REPLICATION_PRIVILEGE)", "user '" + user + "' may not use logical replication",
                "ALTER ROLE \"" + user + "\" WITH REPLICATION");
        assertUntouched(target);
    }

    @Test
    void missingPasswordSecretIsRefusedWithExitCode4() throws Exception {
        String source = PG.createDatabase("nopassword");
        PG.execute(source, "CREATE TABLE t (id int PRIMARY KEY)");
        String target = PG.createDatabase("untouched");
        Path secrets = secretsDir("missing", false);
        Result r = run(new String[]{"--stream", postgresSourceStream(source).toString(), "--port", "0", "--duration", "PT0S",
                "--target-url", PG.jdbcUrl(target), "--secrets-dir", secrets.toString()});
        assertThat(r.code).as(r.out).isEqualTo(LocalRunner.EXIT_SECRET_MISSING);
        assertThat(r.out).contains("Secret source-credentials key password not found",
                "SGSTREAM_SECRET_SOURCE_CREDENTIALS_PASSWORD", secrets.resolve("source-credentials").resolve("password").toString());
        assertUntouched(target);
    }

    @Test
    void postgresSourceSectionWithSecretsFromFilesIsStreamed() throws Exception {
        String source = PG.createDatabase("fromsection");
        PG.execute(source, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 250) i");
        String target = PG.createDatabase("sectiontarget");
        Result r = run(new String[]{"--stream", postgresSourceStream(source).toString(), "--port", "0", "--duration", "PT0S",
                "--target-url", PG.jdbcUrl(target), "--secrets-dir", secretsDir("complete", true).toString()});
        assertThat(r.code).as(r.out).isZero();
        assertThat(r.out).contains("source " + PG.jdbcUrl(source), "source = target: 1 tables, 250 rows identical");
    }

    @Test
    void postgresSourceSectionWithSecretsFromEnvironmentVariablesIsStreamed() throws Exception {
        String source = PG.createDatabase("fromenv");
        PG.execute(source, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 180) i");
        String target = PG.createDatabase("envtarget");
        // $SGSTREAM_SECRETS_DIR names a role that does not exist (the embedded server trusts any password on
        // loopback, so a wrong user, not a wrong password, is what it refuses): the variable must win over the file
        Path wrong = Files.createDirectories(Path.of("target", "source-checks", "secrets-wrong", "source-credentials"));
        Files.writeString(wrong.resolve("username"), "no_such_role");
        Files.writeString(wrong.resolve("password"), "not-the-password");
        Map<String, String> environment = Map.of(
                "SGSTREAM_SECRET_SOURCE_CREDENTIALS_USERNAME", PostgresServer.USER,
                "SGSTREAM_SECRET_SOURCE_CREDENTIALS_PASSWORD", PostgresServer.PASSWORD,
                "SGSTREAM_SECRETS_DIR", wrong.getParent().toAbsolutePath().toString());
        Result r = run(new String[]{"--stream", postgresSourceStream(source).toString(), "--port", "0", "--duration", "PT0S",
                "--target-url", PG.jdbcUrl(target)}, environment);
        assertThat(r.code).as(r.out).isZero();
        assertThat(r.out).contains("source " + PG.jdbcUrl(source), "source = target: 1 tables, 180 rows identical");

        // without the username variable the file's is used, and the source refuses it
        String refusing = PG.createDatabase("fromfile");
        PG.execute(refusing, "CREATE TABLE t (id int PRIMARY KEY)");
        String untouched = PG.createDatabase("untouched");
        Map<String, String> withoutUsername = new HashMap<>(environment);
        withoutUsername.remove("SGSTREAM_SECRET_SOURCE_CREDENTIALS_USERNAME");
        Result refused = run(new String[]{"--stream", postgresSourceStream(refusing).toString(), "--port", "0",
                "--duration", "PT0S", "--target-url", PG.jdbcUrl(untouched)}, withoutUsername);
        assertThat(refused.code).as(refused.out).isEqualTo(LocalRunner.EXIT_SOURCE_NOT_CAPTURABLE);
        assertThat(refused.out).contains("(AUTHENTICATION)", "authentication failed for user 'no_such_role'");
        assertUntouched(untouched);
    }

    /** A stream of its own per database (replication slots are per server) from a Postgres section naming this server. */
    private static Path postgresSourceStream(String database) throws Exception {
        return PostgresSourceStream.write(Files.createDirectories(Path.of("target", "source-checks")).resolve(database + ".yaml"),
                "section-" + database.replace('_', '-'), "source-credentials", PG.server().host(), PG.server().port(), database);
    }

    private static Path secretsDir(String name, boolean withPassword) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "source-checks", "secrets-" + name, "source-credentials"));
        Files.writeString(dir.resolve("username"), PostgresServer.USER + "\n"); // as `echo` writes it
        if (withPassword) {
            Files.writeString(dir.resolve("password"), PostgresServer.PASSWORD);
        } else {
            Files.deleteIfExists(dir.resolve("password"));
        }
        return dir.getParent().toAbsolutePath();
    }

    private static void assertUntouched(String database) throws Exception {
        try (Connection c = PG.server().connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                     + " AND n.nspname NOT LIKE 'pg_toast%' UNION ALL SELECT nspname FROM pg_namespace WHERE nspname = 'sgstream'")) {
            List<String> created = new ArrayList<>();
            while (rs.next()) {
                created.add(rs.getString(1));
            }
            assertThat(created).as("relations and schemas created on the target").isEmpty();
        }
    }

    private record Result(int code, String out) {
    }

    private static Result run(String[] args) {
        return run(args, Map.of());
    }

    private static Result run(String[] args, Map<String, String> environment) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new LocalRunner(RunnerOptions.parse(args), new PrintStream(buffer, true, StandardCharsets.UTF_8), environment).run();
        return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    }
}
