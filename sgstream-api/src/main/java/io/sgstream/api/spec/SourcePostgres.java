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
 * database.sslrootcert}, {@code database.sslcert} and {@code database.sslkey} (the capture service and the apply's
 * DDL import write the values to files first, the key as PKCS#8 DER: see {@link io.sgstream.api.PostgresTlsFiles}).
 * {@code sslKey} may hold PEM PKCS#8, PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), unencrypted.
 *
 * <p>{@code host: embedded} ({@link #EMBEDDED_HOST}) asks the local runner to start an embedded PostgreSQL instead
 * of connecting somewhere; credentials are then optional. It has no meaning in Kubernetes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourcePostgres extends SourceSection {

    public static final int DEFAULT_PORT = 5432;
    /** The {@code host} value that asks the local runner for an embedded PostgreSQL. */
    public static final String EMBEDDED_HOST = "embedded";
    /** The values of {@code sslMode}, as Debezium and pgJDBC accept them. */
    public static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private String host;
    private Integer port;
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

    /** Whether this source asks for an embedded database ({@code host: embedded}) rather than a real server. */
    public boolean embedded() {
        return EMBEDDED_HOST.equals(host);
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        SourcePostgres that = (SourcePostgres) o;
        return Objects.equals(host, that.host)
                && Objects.equals(port, that.port)
                && Objects.equals(sslMode, that.sslMode)
                && Objects.equals(sslRootCert, that.sslRootCert)
                && Objects.equals(sslCert, that.sslCert)
                && Objects.equals(sslKey, that.sslKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), host, port, sslMode, sslRootCert, sslCert, sslKey);
    }

    @Override
    protected void describe(StringJoiner fields) {
        add(fields, "host", host);
        add(fields, "port", port);
        super.describe(fields);
        add(fields, "sslMode", sslMode);
        add(fields, "sslRootCert", sslRootCert);
        add(fields, "sslCert", sslCert);
        add(fields, "sslKey", sslKey);
    }
}
