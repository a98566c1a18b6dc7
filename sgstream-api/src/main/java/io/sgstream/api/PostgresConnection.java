package io.sgstream.api;

import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.SourcePostgres;
import io.sgstream.api.spec.SourceSGCluster;
import io.sgstream.api.spec.StreamSource;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetSGCluster;
import io.sgstream.api.spec.TargetType;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where and as whom to connect to the source or an SGCluster target of a stream, with its Secrets resolved.
 * Defaults are StackGres's: an SGCluster is reached at {@code <cluster>.<namespace>:5433} with the superuser
 * credentials from the Secret named after it; a Postgres source at {@code host:5432}; database {@code postgres}.
 * {@link #toString()} redacts the password and TLS material.
 */
public final class PostgresConnection {

    private final String host;
    private final int port;
    private final String database;
    private final String username;
    private final SecretValue password;
    private final String sslMode;
    private final SecretValue sslRootCert;
    private final SecretValue sslCert;
    private final SecretValue sslKey;

    private PostgresConnection(String host, int port, String database, String username, SecretValue password,
            String sslMode, SecretValue sslRootCert, SecretValue sslCert, SecretValue sslKey) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.database = Objects.requireNonNull(database, "database");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.sslMode = sslMode;
        this.sslRootCert = sslRootCert;
        this.sslCert = sslCert;
        this.sslKey = sslKey;
    }

    /**
     * The connection to the stream's source.
     *
     * @throws IllegalArgumentException when the source is missing, has an unknown type or is
     *     {@code host: embedded} (the local runner provides that database itself)
     * @throws io.sgstream.api.secret.SecretNotFoundException when a referenced Secret key does not exist
     */
    public static PostgresConnection forSource(SGStream stream, SecretResolver secrets) {
        StreamSource source = source(stream);
        if (source.sourceType().orElseThrow() == SourceType.SGCLUSTER) {
            SourceSGCluster cluster = source.getSgCluster();
            return forCluster(stream, cluster.getName(), cluster.getDatabase(), cluster.getUsername(),
                    cluster.getPassword(), secrets);
        }
        SourcePostgres postgres = source.getPostgres();
        return new PostgresConnection(postgres.getHost(),
                Optional.ofNullable(postgres.getPort()).orElse(SourcePostgres.DEFAULT_PORT),
                Optional.ofNullable(postgres.getDatabase()).orElse(SourcePostgres.DEFAULT_DATABASE),
                secrets.resolve(required(postgres.getUsername(), "spec.source.postgres.username")).reveal(),
                secrets.resolve(required(postgres.getPassword(), "spec.source.postgres.password")),
                postgres.getSslMode(), resolveOptional(secrets, postgres.getSslRootCert()),
                resolveOptional(secrets, postgres.getSslCert()), resolveOptional(secrets, postgres.getSslKey()));
    }

    /**
     * The source's JDBC URL (with {@code sslmode} when set) without reading a Secret: for a component that is
     * handed the credentials another way (the controller gives the apply function Secret references).
     */
    public static String sourceJdbcUrl(SGStream stream) {
        StreamSource source = source(stream);
        if (source.sourceType().orElseThrow() == SourceType.SGCLUSTER) {
            SourceSGCluster cluster = source.getSgCluster();
            return jdbcUrl(clusterHost(stream, cluster.getName()), SourceSGCluster.PORT,
                    Optional.ofNullable(cluster.getDatabase()).orElse(SourceSGCluster.DEFAULT_DATABASE));
        }
        SourcePostgres postgres = source.getPostgres();
        return jdbcUrl(postgres.getHost(), Optional.ofNullable(postgres.getPort()).orElse(SourcePostgres.DEFAULT_PORT),
                Optional.ofNullable(postgres.getDatabase()).orElse(SourcePostgres.DEFAULT_DATABASE))
                + Optional.ofNullable(postgres.getSslMode()).map(m -> "?sslmode=" + m).orElse("");
    }

    /** The source section, checked to be one a component can connect to. */
    private static StreamSource source(SGStream stream) {
        StreamSource source = Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getSource)
                .orElseThrow(() -> new IllegalArgumentException("spec.source is missing"));
        SourceType type = source.sourceType()
                .orElseThrow(() -> new IllegalArgumentException("unknown spec.source.type " + source.getType()));
        if (type == SourceType.SGCLUSTER) {
            required(source.getSgCluster(), "spec.source.sgCluster");
        } else if (required(source.getPostgres(), "spec.source.postgres").embedded()) {
            throw new IllegalArgumentException("spec.source.postgres.host is " + SourcePostgres.EMBEDDED_HOST
                    + ": only the local runner, which starts that database, can connect to it");
        }
        return source;
    }

    /**
     * The connection to the stream's SGCluster target.
     *
     * @throws IllegalArgumentException when the target is not an SGCluster
     * @throws io.sgstream.api.secret.SecretNotFoundException when a referenced Secret key does not exist
     */
    public static PostgresConnection forTarget(SGStream stream, SecretResolver secrets) {
        TargetSGCluster cluster = Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getTarget)
                .filter(t -> t.targetType().orElse(null) == TargetType.SGCLUSTER).map(StreamTarget::getSgCluster)
                .orElseThrow(() -> new IllegalArgumentException("spec.target is not an SGCluster target"));
        return forCluster(stream, cluster.getName(), cluster.getDatabase(), cluster.getUsername(),
                cluster.getPassword(), secrets);
    }

    private static PostgresConnection forCluster(SGStream stream, String cluster, String database,
            SecretKeySelector username, SecretKeySelector password, SecretResolver secrets) {
        SecretKeySelector user = username != null ? username
                : SecretKeySelector.of(cluster, SourceSGCluster.SUPERUSER_USERNAME_KEY);
        SecretKeySelector pass = password != null ? password
                : SecretKeySelector.of(cluster, SourceSGCluster.SUPERUSER_PASSWORD_KEY);
        return new PostgresConnection(clusterHost(stream, cluster), SourceSGCluster.PORT,
                database != null ? database : SourceSGCluster.DEFAULT_DATABASE,
                secrets.resolve(user).reveal(), secrets.resolve(pass), null, null, null, null);
    }

    /** An SGCluster's Service, in the stream's namespace. */
    private static String clusterHost(SGStream stream, String cluster) {
        return cluster + "." + StreamNames.namespace(stream);
    }

    private static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static <T> T required(T value, String path) {
        if (value == null) {
            throw new IllegalArgumentException(path + " is required");
        }
        return value;
    }

    private static SecretValue resolveOptional(SecretResolver secrets, SecretKeySelector selector) {
        return selector == null ? null : secrets.resolve(selector);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String username() {
        return username;
    }

    public SecretValue password() {
        return password;
    }

    /** {@code sslMode} as written, empty when unset (the driver's default, prefer, applies). */
    public Optional<String> sslMode() {
        return Optional.ofNullable(sslMode);
    }

    /** PEM CA certificate, when the source names one. */
    public Optional<SecretValue> sslRootCert() {
        return Optional.ofNullable(sslRootCert);
    }

    /** Client certificate, when the source names one. */
    public Optional<SecretValue> sslCert() {
        return Optional.ofNullable(sslCert);
    }

    /** Client private key, when the source names one. */
    public Optional<SecretValue> sslKey() {
        return Optional.ofNullable(sslKey);
    }

    /** {@code jdbc:postgresql://host:port/database}, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl(host, port, database);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "PostgresConnection{", "}");
        fields.add("host=" + host).add("port=" + port).add("database=" + database).add("username=" + username)
                .add("password=" + password);
        if (sslMode != null) {
            fields.add("sslMode=" + sslMode);
        }
        sslRootCert().ifPresent(v -> fields.add("sslRootCert=" + v));
        sslCert().ifPresent(v -> fields.add("sslCert=" + v));
        sslKey().ifPresent(v -> fields.add("sslKey=" + v));
        return fields.toString();
    }
}
