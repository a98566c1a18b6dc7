package io.sgstream.local.wiring;

import io.sgstream.api.SGStream;
import io.sgstream.api.spec.SourcePostgres;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.TargetSGCluster;
import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.testing.PostgresServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The source and target of a local run: the databases given on the command line, or embedded PostgreSQL servers
 * started here when the SGStream names none it could reach without Kubernetes ({@code host: embedded}, or an
 * SGCluster, which exists only on Kubernetes).
 */
public final class Databases implements AutoCloseable {

    private final PostgresEndpoint source;
    private final PostgresEndpoint target;
    private final boolean embeddedSource;
    private final List<PostgresServer> started;

    private Databases(PostgresEndpoint source, PostgresEndpoint target, boolean embeddedSource, List<PostgresServer> started) {
        this.source = source;
        this.target = target;
        this.embeddedSource = embeddedSource;
        this.started = started;
    }

    /** As {@link #forStream(SGStream, String, String, String, String, SecretResolver)}, Secrets from the environment. */
    public static Databases forStream(SGStream stream, String sourceUrl, String targetUrl, String user, String password) {
        return forStream(stream, sourceUrl, targetUrl, user, password, EnvSecretResolver.fromEnvironment());
    }

    /**
     * @param sourceUrl  a source database given on the command line (with {@code user}/{@code password}), or null:
     *                   then an embedded server ({@code host: embedded}, SGCluster source) or the SGStream's
     *                   {@code spec.source.postgres} section, its username/password Secrets resolved by {@code secrets}
     * @param targetUrl  a target database, or null for an embedded one; credentials are the SGCluster section's
     *                   username/password Secrets when it names them, else {@code user}/{@code password}
     * @throws io.sgstream.api.secret.SecretNotFoundException when a Secret key the SGStream names cannot be resolved
     */
    public static Databases forStream(SGStream stream, String sourceUrl, String targetUrl, String user, String password,
                                      SecretResolver secrets) {
        List<PostgresServer> started = new ArrayList<>();
        try {
            PostgresEndpoint source;
            boolean embedded = sourceUrl == null && embeddedSource(stream);
            if (sourceUrl != null) {
                source = parse(sourceUrl, user, password);
            } else if (embedded) {
                PostgresServer server = PostgresServer.startLogical();
                started.add(server);
                source = new PostgresEndpoint(server.host(), server.port(), "postgres", PostgresServer.USER, PostgresServer.PASSWORD);
            } else if (stream.getSpec().getSource().sourceType().orElse(SourceType.POSTGRES) == SourceType.POSTGRES) {
                SourcePostgres postgres = stream.getSpec().getSource().getPostgres();
                if (postgres == null || postgres.getHost() == null || postgres.getUsername() == null || postgres.getPassword() == null) {
                    throw new IllegalArgumentException("the source needs spec.source.postgres host, username and password"
                            + " (Secret key references) in the SGStream, or --source-url with --user/--password,"
                            + " or spec.source.postgres.host: embedded");
                }
                source = CaptureConfig.from(stream, secrets).source(); // host, port, database, TLS and resolved Secrets
            } else {
                throw new IllegalArgumentException("the source type " + stream.getSpec().getSource().getType()
                        + " needs --source-url and --user/--password");
            }
            PostgresEndpoint target = null; // a PgLambda target has no database
            if (targetUrl != null) {
                target = parse(targetUrl, user, password);
                TargetSGCluster cluster = stream.getSpec().getTarget().getSgCluster();
                if (cluster != null && cluster.getUsername() != null) {
                    target = new PostgresEndpoint(target.host(), target.port(), target.database(),
                            secrets.resolve(cluster.getUsername()).reveal(), target.password());
                }
                if (cluster != null && cluster.getPassword() != null) {
                    target = new PostgresEndpoint(target.host(), target.port(), target.database(), target.user(),
                            secrets.resolve(cluster.getPassword()).reveal());
                }
            } else if (stream.getSpec().getTarget().getSgCluster() != null) {
                PostgresServer server = PostgresServer.startLogical();
                started.add(server);
                TargetSGCluster cluster = stream.getSpec().getTarget().getSgCluster();
                String database = cluster == null || cluster.getDatabase() == null ? "postgres" : cluster.getDatabase();
                target = new PostgresEndpoint(server.host(), server.port(), "postgres", PostgresServer.USER, PostgresServer.PASSWORD);
                if (!database.equals("postgres")) {
                    server.execute("postgres", "CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                    target = target.withDatabase(database);
                }
            }
            return new Databases(source, target, embedded, started);
        } catch (RuntimeException e) {
            started.forEach(PostgresServer::close);
            throw e;
        }
    }

    private static boolean embeddedSource(SGStream stream) {
        var source = stream.getSpec().getSource();
        if (source.sourceType().orElse(SourceType.POSTGRES) == SourceType.SGCLUSTER) {
            return true;
        }
        return source.getPostgres() != null && source.getPostgres().embedded();
    }

    /** {@code jdbc:postgresql://host[:port]/database}. */
    static PostgresEndpoint parse(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected a JDBC URL jdbc:postgresql://host:port/database, was " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
    }

    public PostgresEndpoint source() {
        return source;
    }

    /** The target database, or null when the target is not a database (PgLambda). */
    public PostgresEndpoint target() {
        return target;
    }

    /** The source was started here, empty: the runner may load the demo schema into it. */
    public boolean embeddedSource() {
        return embeddedSource;
    }

    @Override
    public void close() {
        started.forEach(PostgresServer::close);
    }
}
