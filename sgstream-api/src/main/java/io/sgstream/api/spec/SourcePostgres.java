package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.source.postgres}: capture from any PostgreSQL server reachable from the capture service.
 *
 * <p>The TLS fields ({@code sslMode}, {@code sslRootCert}, {@code sslCert}, {@code sslKey}) are an SGStream on
 * Knative extension, not part of StackGres; they map to Debezium's {@code database.sslmode}, {@code
 * database.sslrootcert}, {@code database.sslcert} and {@code database.sslkey} (the capture service writes the PEM
 * values to files first).
 *
 * <p>{@code host: embedded} ({@link #EMBEDDED_HOST}) asks the local runner to start an embedded PostgreSQL instead
 * of connecting somewhere; credentials are then optional. It has no meaning in Kubernetes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourcePostgres implements SourceSection {

    private String host;
    private Integer port;
    private String database;
    private SecretKeySelector username;
    private SecretKeySelector password;
    private List<String> includes;
    private List<String> excludes;
    private Boolean skipDropReplicationSlotAndPublicationOnTombstone;
    private SourceDebeziumProperties debeziumProperties;
    private String sslMode;
    private SecretKeySelector sslRootCert;
    private SecretKeySelector sslCert;
    private SecretKeySelector sslKey;

    /** Host name or IP address of the server; {@value #EMBEDDED_HOST} for a local embedded server. */
    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    /** Port of the server; {@value #DEFAULT_PORT} when unset. */
    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    /** Database to capture; {@value #DEFAULT_DATABASE} when unset. */
    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    /** Secret key holding the user name of the capture connection. */
    public SecretKeySelector getUsername() {
        return username;
    }

    public void setUsername(SecretKeySelector username) {
        this.username = username;
    }

    /** Secret key holding the password of the capture connection. */
    public SecretKeySelector getPassword() {
        return password;
    }

    public void setPassword(SecretKeySelector password) {
        this.password = password;
    }

    /**
     * Regular expressions matching {@code <schema>}, {@code <schema>\.<table>} or {@code
     * <schema>\.<table>\.<column>} to capture; mutually exclusive with {@code excludes}.
     */
    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes;
    }

    /**
     * Regular expressions (same form as {@code includes}) not to capture; mutually exclusive with {@code includes}.
     */
    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes;
    }

    /** Keep the replication slot and publication when the stream ends with a tombstone signal. */
    public Boolean getSkipDropReplicationSlotAndPublicationOnTombstone() {
        return skipDropReplicationSlotAndPublicationOnTombstone;
    }

    public void setSkipDropReplicationSlotAndPublicationOnTombstone(
            Boolean skipDropReplicationSlotAndPublicationOnTombstone) {
        this.skipDropReplicationSlotAndPublicationOnTombstone = skipDropReplicationSlotAndPublicationOnTombstone;
    }

    /** Debezium PostgreSQL connector settings. */
    public SourceDebeziumProperties getDebeziumProperties() {
        return debeziumProperties;
    }

    public void setDebeziumProperties(SourceDebeziumProperties debeziumProperties) {
        this.debeziumProperties = debeziumProperties;
    }

    /**
     * TLS mode: disable, allow, prefer, require, verify-ca or verify-full (extension; Debezium's default is
     * prefer).
     */
    public String getSslMode() {
        return sslMode;
    }

    public void setSslMode(String sslMode) {
        this.sslMode = sslMode;
    }

    /** Secret key holding the PEM CA certificate that signs the server certificate (extension). */
    public SecretKeySelector getSslRootCert() {
        return sslRootCert;
    }

    public void setSslRootCert(SecretKeySelector sslRootCert) {
        this.sslRootCert = sslRootCert;
    }

    /** Secret key holding the PEM client certificate (extension). */
    public SecretKeySelector getSslCert() {
        return sslCert;
    }

    public void setSslCert(SecretKeySelector sslCert) {
        this.sslCert = sslCert;
    }

    /** Secret key holding the client private key, PKCS#8 PEM or DER as pgJDBC expects (extension). */
    public SecretKeySelector getSslKey() {
        return sslKey;
    }

    public void setSslKey(SecretKeySelector sslKey) {
        this.sslKey = sslKey;
    }

    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_DATABASE = "postgres";
    /** The {@code host} value that asks the local runner for an embedded PostgreSQL. */
    public static final String EMBEDDED_HOST = "embedded";
    /** The values of {@code sslMode}, as Debezium and pgJDBC accept them. */
    public static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Whether this source asks for an embedded database ({@code host: embedded}) rather than a real server. */
    public boolean embedded() {
        return EMBEDDED_HOST.equals(host);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SourcePostgres that = (SourcePostgres) o;
        return Objects.equals(host, that.host)
                && Objects.equals(port, that.port)
                && Objects.equals(database, that.database)
                && Objects.equals(username, that.username)
                && Objects.equals(password, that.password)
                && Objects.equals(includes, that.includes)
                && Objects.equals(excludes, that.excludes)
                && Objects.equals(skipDropReplicationSlotAndPublicationOnTombstone,
                        that.skipDropReplicationSlotAndPublicationOnTombstone)
                && Objects.equals(debeziumProperties, that.debeziumProperties)
                && Objects.equals(sslMode, that.sslMode)
                && Objects.equals(sslRootCert, that.sslRootCert)
                && Objects.equals(sslCert, that.sslCert)
                && Objects.equals(sslKey, that.sslKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, username, password, includes, excludes,
                skipDropReplicationSlotAndPublicationOnTombstone, debeziumProperties, sslMode, sslRootCert, sslCert,
                sslKey);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SourcePostgres{", "}");
        if (host != null) {
            fields.add("host=" + host);
        }
        if (port != null) {
            fields.add("port=" + port);
        }
        if (database != null) {
            fields.add("database=" + database);
        }
        if (username != null) {
            fields.add("username=" + username);
        }
        if (password != null) {
            fields.add("password=" + password);
        }
        if (includes != null) {
            fields.add("includes=" + includes);
        }
        if (excludes != null) {
            fields.add("excludes=" + excludes);
        }
        if (skipDropReplicationSlotAndPublicationOnTombstone != null) {
            fields.add("skipDropReplicationSlotAndPublicationOnTombstone="
                    + skipDropReplicationSlotAndPublicationOnTombstone);
        }
        if (debeziumProperties != null) {
            fields.add("debeziumProperties=" + debeziumProperties);
        }
        if (sslMode != null) {
            fields.add("sslMode=" + sslMode);
        }
        if (sslRootCert != null) {
            fields.add("sslRootCert=" + sslRootCert);
        }
        if (sslCert != null) {
            fields.add("sslCert=" + sslCert);
        }
        if (sslKey != null) {
            fields.add("sslKey=" + sslKey);
        }
        return fields.toString();
    }
}
