package io.sgstream.capture.preflight;

import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.capture.preflight.PreflightException.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks, before the engine starts, everything that would otherwise surface as a Debezium stack trace or a silent
 * retry loop: the server is reachable, credentials work, {@code wal_level} is logical, the user may replicate and
 * create the publication, a slot is free (or ours and not held by a still running process), and the offset table
 * can be written. Each failure is a {@link PreflightException} whose message says how to fix it.
 */
public final class Preflight {

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    private static final String APPLICATION = "sgstream-capture-preflight";

    private final CaptureConfig config;
    private final Map<String, String> properties;
    private final PostgresEndpoint source;

    /**
     * @param properties the effective connector properties (filters, {@code publication.autocreate.mode})
     */
    public Preflight(CaptureConfig config, Map<String, String> properties) {
        this.config = config;
        this.properties = properties;
        this.source = config.source();
    }

    public void check() {
        try (Connection c = connect(source, config.sourceField())) {
            checkVersion(c);
            checkWalLevel(c);
            Role role = role(c);
            checkReplication(role);
            checkPublication(c, role);
            checkSlot(c);
        } catch (SQLException e) {
            throw new PreflightException(Problem.UNREACHABLE, "preflight query failed at " + source.address() + ": "
                    + e.getMessage(), e);
        }
        checkOffsetStore();
    }

    static Connection connect(PostgresEndpoint endpoint, String field) {
        checkClientKeyPair(endpoint, field);
        try {
            return endpoint.connect(APPLICATION);
        } catch (SQLException e) {
            throw connectionProblem(endpoint, field, e);
        }
    }

    /**
     * A key that is not the certificate's own shows on the wire only as a connection the server drops (TLS 1.3
     * checks the client's proof after the client considers the handshake done), so it is checked here, where the
     * message can say which field to fix. Only the key files pgJDBC reads as PKCS#8 DER ({@code .pk8}, as
     * {@link io.sgstream.api.PostgresTlsFiles} writes the SGStream's key) are checked.
     */
    static void checkClientKeyPair(PostgresEndpoint endpoint, String field) {
        String certFile = endpoint.jdbcProperties().get("sslcert");
        String keyFile = endpoint.jdbcProperties().get("sslkey");
        if (certFile == null || keyFile == null || !keyFile.endsWith(".pk8")) {
            return;
        }
        String failed = "TLS to PostgreSQL at " + endpoint.address() + " cannot start: ";
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(Path.of(certFile))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new PreflightException(Problem.TLS, failed + field + ".sslCert does not hold a PEM certificate ("
                    + e.getMessage() + ") — put the client certificate for user '" + endpoint.user()
                    + "' in its Secret, and its private key in " + field + ".sslKey", e);
        }
        String algorithm = certificate.getPublicKey().getAlgorithm();
        String signature = switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> algorithm;
            default -> null; // e.g. RSASSA-PSS: let the handshake decide
        };
        if (signature == null) {
            return;
        }
        boolean matches;
        try {
            PrivateKey key = KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(Path.of(keyFile))));
            byte[] challenge = "sgstream client key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signed);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new PreflightException(Problem.TLS, failed + field + ".sslKey does not hold a " + algorithm
                    + " private key for the certificate in " + field + ".sslCert (" + e.getMessage() + ") — put the "
                    + "private key of the client certificate for user '" + endpoint.user() + "' in its Secret", e);
        }
        if (!matches) {
            throw new PreflightException(Problem.TLS, failed + "the key in " + field + ".sslKey is not the private key "
                    + "of the client certificate in " + field + ".sslCert (" + certificate.getSubjectX500Principal()
                    + ", for user '" + endpoint.user() + "') — give the certificate's own key, or the certificate "
                    + "that belongs to the key");
        }
    }

    static PreflightException connectionProblem(PostgresEndpoint endpoint, String field, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        PreflightException clientCertificate = clientCertificateProblem(endpoint, field, e);
        if (clientCertificate != null) {
            return clientCertificate;
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new PreflightException(Problem.AUTHENTICATION, "authentication failed for user '" + endpoint.user()
                    + "' at " + endpoint.address() + "/" + endpoint.database() + ": " + e.getMessage()
                    + " — check the user name and password (" + field + ".username/password and their Secret)", e);
        }
        String tls = tlsProblem(e);
        if (tls != null) {
            String mode = endpoint.jdbcProperties().getOrDefault("sslmode", "prefer");
            boolean unsupported = tls.contains("does not support SSL");
            return new PreflightException(Problem.TLS, "TLS to PostgreSQL at " + endpoint.address() + " failed (sslmode "
                    + mode + "): " + tls + (unsupported
                    ? " — the server does not accept TLS: enable ssl on the server, or change " + field + ".sslMode"
                    : " — check " + field + ".sslRootCert: its Secret must hold the PEM certificate of the CA that "
                    + "signed the server's certificate" + (mode.equals("verify-full")
                    ? ", and " + field + ".host must be a name the certificate lists (sslMode verify-full)" : "")), e);
        }
        if (state.equals("3D000")) {
            return new PreflightException(Problem.DATABASE_MISSING, "database '" + endpoint.database()
                    + "' does not exist at " + endpoint.address() + " — check " + field + ".database", e);
        }
        return new PreflightException(Problem.UNREACHABLE, "cannot connect to PostgreSQL at " + endpoint.address()
                + ": " + rootMessage(e) + " — check " + field + ".host/port and network policy", e);
    }

    /**
     * The server's {@code cert} authentication (or {@code clientcert=verify-full}) refused the connection, or the
     * server ended the handshake after receiving the client certificate: the fix is in sslCert/sslKey, not in the
     * password or sslRootCert. Null when the failure is not about the client certificate.
     */
    private static PreflightException clientCertificateProblem(PostgresEndpoint endpoint, String field, SQLException e) {
        String message = String.valueOf(e.getMessage());
        boolean configured = endpoint.jdbcProperties().containsKey("sslcert");
        String failed = "TLS to PostgreSQL at " + endpoint.address() + " failed (sslmode "
                + endpoint.jdbcProperties().getOrDefault("sslmode", "prefer") + "): ";
        String cert = field + ".sslCert";
        String key = field + ".sslKey";
        if (message.contains("requires a valid client certificate")) {
            // pgJDBC sends no certificate at all unless a CA the server trusts signed it
            return new PreflightException(Problem.TLS, failed + "the server requires a client certificate for user '"
                    + endpoint.user() + "' (" + message + ") — " + (configured
                    ? "the one in " + cert + " was not sent or not accepted: it must be signed by a CA the server "
                    + "trusts (its ssl_ca_file), and " + key + " must hold its private key"
                    : "set " + cert + " and " + key + ": Secrets holding the PEM client certificate (CN '"
                    + endpoint.user() + "', signed by a CA the server trusts) and its private key"), e);
        }
        if (message.contains("certificate authentication failed") || message.contains("certificate validation")) {
            return new PreflightException(Problem.TLS, failed + "the server did not accept the client certificate "
                    + "for user '" + endpoint.user() + "' (" + message + ") — check " + cert + ": its CN must be "
                    + "the user name '" + endpoint.user() + "' (or be mapped to it in the server's pg_ident.conf), "
                    + "and " + key + " must hold its private key; or change " + field + ".username", e);
        }
        String tls = tlsProblem(e);
        if (configured && tls != null && tls.contains("Received fatal alert")) {
            // the server rejected what the client sent in the handshake: its certificate or the proof of its key
            return new PreflightException(Problem.TLS, failed + "the server rejected the client certificate of "
                    + "user '" + endpoint.user() + "' during the handshake (" + tls + ") — check " + cert + " and "
                    + key + ": the key must be the private key of that certificate, and a CA the server trusts "
                    + "must have signed it", e);
        }
        return null;
    }

    /**
     * What went wrong in the TLS handshake, or null when the failure is not about TLS. pgJDBC wraps a handshake
     * failure (unknown CA, expired certificate) in an SSLException, and reports a host name the certificate does not
     * name, or a server without TLS, by message only.
     */
    private static String tlsProblem(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("could not be verified by hostnameverifier") || message.contains("does not support SSL")) {
            return message;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.GeneralSecurityException) {
                Throwable innermost = t;
                while (innermost.getCause() != null && innermost.getCause() != innermost) {
                    innermost = innermost.getCause();
                }
                String outer = String.valueOf(t.getMessage());
                String inner = String.valueOf(innermost.getMessage());
                return outer.contains(inner) ? outer : outer + " (" + inner + ")";
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getMessage();
    }

    private void checkVersion(Connection c) throws SQLException {
        int version = Integer.parseInt(scalar(c, "SHOW server_version_num"));
        if (version < 100000) {
            throw new PreflightException(Problem.UNSUPPORTED_VERSION, "PostgreSQL at " + source.address()
                    + " is version " + version / 10000 + "; the pgoutput plugin needs PostgreSQL 10 or later");
        }
    }

    private void checkWalLevel(Connection c) throws SQLException {
        String walLevel = scalar(c, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            throw new PreflightException(Problem.WAL_LEVEL, "wal_level is '" + walLevel + "' at " + source.address()
                    + " but logical decoding needs 'logical': run ALTER SYSTEM SET wal_level = logical; and restart "
                    + "PostgreSQL (for an SGCluster, set wal_level: logical in its SGPostgresConfig)");
        }
    }

    private record Role(String name, boolean superuser, boolean replication) {
    }

    private Role role(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, rolsuper, rolreplication FROM pg_roles "
                     + "WHERE rolname = current_user")) {
            rs.next();
            return new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3));
        }
    }

    private void checkReplication(Role role) {
        if (!role.superuser && !role.replication) {
            throw new PreflightException(Problem.REPLICATION_PRIVILEGE, "user '" + role.name + "' may not use logical "
                    + "replication at " + source.address() + ": it needs the REPLICATION attribute (ALTER ROLE \""
                    + role.name + "\" WITH REPLICATION;) or must be a superuser");
        }
    }

    private void checkPublication(Connection c, Role role) throws SQLException {
        String publication = config.publicationName();
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        String mode = properties.getOrDefault("publication.autocreate.mode", "all_tables");
        if (!exists && "filtered".equals(mode) && capturedTables(c, false).isEmpty()) {
            throw new PreflightException(Problem.NOTHING_TO_CAPTURE, "no table of database '" + source.database()
                    + "' at " + source.address() + " matches the stream's includes/excludes, so publication '"
                    + publication + "' would have no table: create the tables first, or fix " + config.sourceField()
                    + ".includes/excludes");
        }
        if (exists || role.superuser) {
            return;
        }
        switch (mode) {
            case "disabled" -> throw new PreflightException(Problem.PUBLICATION_MISSING, "publication '" + publication
                    + "' does not exist at " + source.address() + " and publication.autocreate.mode is disabled: "
                    + "create it (CREATE PUBLICATION \"" + publication + "\" FOR TABLE ...;) or enable autocreation");
            case "all_tables" -> throw new PreflightException(Problem.PUBLICATION_PRIVILEGE, "creating publication '"
                    + publication + "' FOR ALL TABLES needs a superuser and user '" + role.name + "' is not one: "
                    + "create it as a superuser (CREATE PUBLICATION \"" + publication + "\" FOR ALL TABLES;) or use "
                    + "publicationAutocreateMode: filtered");
            case "filtered" -> checkFilteredPublication(c, role, publication);
            default -> {
                // no_tables: CREATE PUBLICATION without tables needs only CREATE on the database
                checkCreateOnDatabase(c, role, publication);
            }
        }
    }

    private void checkFilteredPublication(Connection c, Role role, String publication) throws SQLException {
        checkCreateOnDatabase(c, role, publication);
        List<String> notOwned = capturedTables(c, true);
        if (!notOwned.isEmpty()) {
            throw new PreflightException(Problem.PUBLICATION_PRIVILEGE, "creating publication '" + publication
                    + "' FOR TABLE needs ownership of every captured table, and user '" + role.name + "' does not own "
                    + abbreviate(notOwned) + ": create the publication as a superuser, change the tables' owner, "
                    + "or exclude them (spec.source excludes)");
        }
    }

    /** The tables the stream's filters capture ({@code notOwnedOnly}: those the user does not own). */
    private List<String> capturedTables(Connection c, boolean notOwnedOnly) throws SQLException {
        CapturedTables captured = new CapturedTables(properties);
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND (NOT ? OR NOT pg_has_role(c.relowner, 'USAGE'))
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                 ORDER BY 1, 2""")) {
            ps.setBoolean(1, notOwnedOnly);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (captured.captures(rs.getString(1), rs.getString(2))) {
                        tables.add(rs.getString(1) + "." + rs.getString(2));
                    }
                }
            }
        }
        return tables;
    }

    private void checkCreateOnDatabase(Connection c, Role role, String publication) throws SQLException {
        if (!"t".equals(scalar(c, "SELECT has_database_privilege(current_database(), 'CREATE')"))) {
            throw new PreflightException(Problem.PUBLICATION_PRIVILEGE, "creating publication '" + publication
                    + "' needs CREATE on database '" + source.database() + "', which user '" + role.name
                    + "' lacks: GRANT CREATE ON DATABASE \"" + source.database() + "\" TO \"" + role.name
                    + "\"; or create the publication beforehand");
        }
    }

    private void checkSlot(Connection c) throws SQLException {
        String slot = config.slotName();
        long deadline = System.nanoTime() + config.slotInUseWait().toNanos();
        boolean told = false;
        while (true) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT plugin, database, active, active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        checkFreeSlot(c, slot);
                        return;
                    }
                    String plugin = rs.getString(1);
                    String database = rs.getString(2);
                    if (!"pgoutput".equals(plugin) || !source.database().equals(database)) {
                        throw new PreflightException(Problem.SLOT_MISMATCH, "replication slot '" + slot + "' exists at "
                                + source.address() + " for plugin '" + plugin + "' in database '" + database
                                + "', not pgoutput in '" + source.database() + "': drop it (SELECT "
                                + "pg_drop_replication_slot('" + slot + "');) or set another slotName");
                    }
                    if (!rs.getBoolean(3)) {
                        return;
                    }
                    if (System.nanoTime() >= deadline) {
                        int pid = rs.getInt(4);
                        throw new PreflightException(Problem.SLOT_IN_USE, "replication slot '" + slot + "' at "
                                + source.address() + " is in use by another process (pid " + pid + "): another "
                                + "capture of this stream may still be running — stop it, or end a stale one with "
                                + "SELECT pg_terminate_backend(" + pid + ");");
                    }
                }
            }
            if (!told) {
                // typically the previous run of this capture, killed a moment ago: its connection is about to end
                LOG.info("Replication slot {} is still held by another process; waiting up to {}", slot,
                        config.slotInUseWait());
                told = true;
            }
            sleep(500);
        }
    }

    private void checkFreeSlot(Connection c, String slot) throws SQLException {
        int max = Integer.parseInt(scalar(c, "SHOW max_replication_slots"));
        int used = Integer.parseInt(scalar(c, "SELECT count(*) FROM pg_replication_slots"));
        if (used >= max) {
            throw new PreflightException(Problem.SLOTS_EXHAUSTED, "replication slot '" + slot + "' cannot be created "
                    + "at " + source.address() + ": all " + max + " slots are used (max_replication_slots = " + max
                    + "): drop unused ones (SELECT slot_name FROM pg_replication_slots WHERE NOT active;) or raise "
                    + "max_replication_slots and restart PostgreSQL");
        }
        int senders = Integer.parseInt(scalar(c, "SHOW max_wal_senders"));
        int active = Integer.parseInt(scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender'"));
        if (active >= senders) {
            throw new PreflightException(Problem.WAL_SENDERS_EXHAUSTED, "no WAL sender is free at " + source.address()
                    + ": all " + senders + " are in use (max_wal_senders = " + senders + "): stop unused replication "
                    + "connections or raise max_wal_senders and restart PostgreSQL");
        }
    }

    private void checkOffsetStore() {
        OffsetStoreSettings offsets = config.offsets();
        if (offsets.kind() != OffsetStoreSettings.Kind.JDBC) {
            return;
        }
        PostgresEndpoint db = offsets.database();
        try (Connection c = connect(db, "the offset store")) {
            String table = offsets.table();
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    exists = rs.getBoolean(1);
                }
            }
            String allowed;
            if (exists) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT has_table_privilege(?, 'SELECT, INSERT, UPDATE, DELETE')")) {
                    ps.setString(1, table);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        allowed = rs.getBoolean(1) ? null : "SELECT, INSERT, UPDATE and DELETE on " + table;
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)
                                    THEN has_schema_privilege(?, 'CREATE')
                                    ELSE has_database_privilege(current_database(), 'CREATE') END""")) {
                    ps.setString(1, offsets.schemaName());
                    ps.setString(2, offsets.schemaName());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        allowed = rs.getBoolean(1) ? null : "CREATE to make " + table;
                    }
                }
            }
            if (allowed != null) {
                throw new PreflightException(Problem.OFFSET_STORE, "offsets of stream " + config.stream()
                        + " are kept in " + table + " of database '" + db.database() + "' at " + db.address()
                        + ", but user '" + db.user() + "' lacks " + allowed + ": grant it, create the table "
                        + "beforehand, or keep offsets in another database");
            }
        } catch (SQLException e) {
            throw new PreflightException(Problem.OFFSET_STORE, "cannot check the offset table " + offsets.table()
                    + " at " + db.address() + ": " + e.getMessage(), e);
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String abbreviate(List<String> tables) {
        return tables.size() <= 5 ? String.join(", ", tables)
                : String.join(", ", tables.subList(0, 5)) + " and " + (tables.size() - 5) + " more";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException(Problem.SLOT_IN_USE, "interrupted while waiting for the replication slot");
        }
    }
}
