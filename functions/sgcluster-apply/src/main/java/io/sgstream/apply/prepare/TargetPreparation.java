package io.sgstream.apply.prepare;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What to do to the target before a stream's first snapshot row, as StackGres's {@code spec.target.sgCluster}
 * says: import the source's DDL (unless {@code skipDdlImport}), drop indexes and constraints of the captured
 * tables for the snapshot (unless {@code skipDropIndexesAndConstraints}), primary keys too (unless
 * {@code skipDropPrimaryKeys}), and restore them when the snapshot is complete (unless
 * {@code skipRestoreIndexesAfterSnapshot}: then at the tombstone; primary keys are always restored with the
 * snapshot, since streamed changes are applied by key).
 *
 * @param source                   where to read the DDL from; required when {@code importDdl}
 * @param includes                 the stream's {@code spec.source.includes} (null: everything)
 * @param excludes                 the stream's {@code spec.source.excludes} (null: nothing)
 * @param roleSkipFilter           {@code SIMILAR TO} pattern of role names not to import; null: skip superusers
 *                                 and replication roles (StackGres skips the cluster's superuser, replicator and
 *                                 authenticator users, which are such roles)
 */
public record TargetPreparation(SourceDatabase source, List<String> includes, List<String> excludes,
                                boolean importDdl, String roleSkipFilter, boolean dropIndexesAndConstraints,
                                boolean dropPrimaryKeys, boolean restoreAfterSnapshot) {

    /** Nothing is done to the target: tables come from schema evolution, indexes stay. */
    public static final TargetPreparation NONE = new TargetPreparation(null, null, null, false, null, false, false, true);

    public TargetPreparation {
        includes = includes == null ? null : List.copyOf(includes);
        excludes = excludes == null ? null : List.copyOf(excludes);
        if (importDdl && source == null) {
            throw new IllegalArgumentException("importing the DDL needs the source database (or skipDdlImport: true)");
        }
        // StackGres: skipDropIndexesAndConstraints implies skipDropPrimaryKeys (a key cannot go while an
        // index or foreign key that depends on it stays)
        dropPrimaryKeys = dropPrimaryKeys && dropIndexesAndConstraints;
    }

    /** StackGres's defaults: import, drop everything, restore after the snapshot. */
    public static TargetPreparation stackGresDefaults(SourceDatabase source, List<String> includes, List<String> excludes) {
        return new TargetPreparation(source, includes, excludes, true, null, true, true, true);
    }

    public boolean defers() {
        return dropIndexesAndConstraints;
    }

    public boolean needed() {
        return importDdl || dropIndexesAndConstraints;
    }

    public TargetPreparation withImportDdl(boolean enabled) {
        return new TargetPreparation(source, includes, excludes, enabled, roleSkipFilter, dropIndexesAndConstraints,
                dropPrimaryKeys, restoreAfterSnapshot);
    }

    public TargetPreparation withRoleSkipFilter(String filter) {
        return new TargetPreparation(source, includes, excludes, importDdl, filter, dropIndexesAndConstraints,
                dropPrimaryKeys, restoreAfterSnapshot);
    }

    /** @param dropIndexes not {@code skipDropIndexesAndConstraints}; @param dropKeys not {@code skipDropPrimaryKeys} */
    public TargetPreparation withDeferral(boolean dropIndexes, boolean dropKeys, boolean restoreAfterSnapshot) {
        return new TargetPreparation(source, includes, excludes, importDdl, roleSkipFilter, dropIndexes, dropKeys,
                restoreAfterSnapshot);
    }

    public CapturedTables captured() {
        return new CapturedTables(includes, excludes);
    }

    /** A JDBC connection to the source, credentials included (never printed). */
    /**
     * @param jdbcProperties extra pgJDBC properties, e.g. the source's TLS settings as the capture gives them
     *                       ({@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey} files)
     */
    public record SourceDatabase(String jdbcUrl, String username, String password, Map<String, String> jdbcProperties) {
        public SourceDatabase {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the source must be a jdbc:postgresql: URL, was " + jdbcUrl);
            }
            jdbcProperties = jdbcProperties == null ? Map.of() : Map.copyOf(jdbcProperties);
        }

        public SourceDatabase(String jdbcUrl, String username, String password) {
            this(jdbcUrl, username, password, Map.of());
        }

        /** A connection to the source with the credentials and properties. */
        public Connection connect() throws SQLException {
            Properties props = new Properties();
            props.putAll(jdbcProperties);
            if (username != null) {
                props.setProperty("user", username);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            return DriverManager.getConnection(jdbcUrl, props);
        }

        @Override
        public String toString() {
            return jdbcUrl + " as " + username;
        }
    }
}
