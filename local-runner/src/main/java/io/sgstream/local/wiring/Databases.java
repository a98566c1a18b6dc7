package io.sgstream.local.wiring;

import io.sgstream.api.SGStream;
import io.sgstream.api.spec.SourcePostgres;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.TargetSGCluster;
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

    public static Databases forStream(SGStream stream, String sourceUrl, String targetUrl, String user, String password) {
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
            } else {
                SourcePostgres postgres = stream.getSpec().getSource().getPostgres();
                throw new IllegalArgumentException("the source " + postgres.getHost() + " needs credentials: pass --source-url"
                        + " and --user/--password, or set spec.source.postgres.host: embedded");
            }
            PostgresEndpoint target = null; // a PgLambda target has no database
            if (targetUrl != null) {
                target = parse(targetUrl, user, password);
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
