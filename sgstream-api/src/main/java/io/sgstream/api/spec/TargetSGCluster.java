package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.sgCluster}: apply every change to a database of an SGCluster in the stream's namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetSGCluster {

    private String name;
    private String database;
    private SecretKeySelector username;
    private SecretKeySelector password;
    private Boolean skipDdlImport;
    private String ddlImportRoleSkipFilter;
    private Boolean skipDropPrimaryKeys;
    private Boolean skipDropIndexesAndConstraints;
    private Boolean skipRestoreIndexesAfterSnapshot;
    private JdbcSinkDebeziumProperties debeziumProperties;

    /** Name of the target SGCluster, in the stream's namespace. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Target database; {@value #DEFAULT_DATABASE} when unset. */
    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    /** Secret key holding the user name; unset: the target cluster's superuser. */
    public SecretKeySelector getUsername() {
        return username;
    }

    public void setUsername(SecretKeySelector username) {
        this.username = username;
    }

    /** Secret key holding the password; unset: the target cluster's superuser password. */
    public SecretKeySelector getPassword() {
        return password;
    }

    public void setPassword(SecretKeySelector password) {
        this.password = password;
    }

    /** Do not import roles and schema from an SGCluster source before the snapshot. */
    public Boolean getSkipDdlImport() {
        return skipDdlImport;
    }

    public void setSkipDdlImport(Boolean skipDdlImport) {
        this.skipDdlImport = skipDdlImport;
    }

    /** SQL {@code SIMILAR TO} pattern of role names not to import. */
    public String getDdlImportRoleSkipFilter() {
        return ddlImportRoleSkipFilter;
    }

    public void setDdlImportRoleSkipFilter(String ddlImportRoleSkipFilter) {
        this.ddlImportRoleSkipFilter = ddlImportRoleSkipFilter;
    }

    /** Keep primary keys on the target during the snapshot (needed for incremental snapshots). */
    public Boolean getSkipDropPrimaryKeys() {
        return skipDropPrimaryKeys;
    }

    public void setSkipDropPrimaryKeys(Boolean skipDropPrimaryKeys) {
        this.skipDropPrimaryKeys = skipDropPrimaryKeys;
    }

    /** Keep indexes and constraints on the target during the snapshot. */
    public Boolean getSkipDropIndexesAndConstraints() {
        return skipDropIndexesAndConstraints;
    }

    public void setSkipDropIndexesAndConstraints(Boolean skipDropIndexesAndConstraints) {
        this.skipDropIndexesAndConstraints = skipDropIndexesAndConstraints;
    }

    /** Restore indexes only at the end of the stream, not when the snapshot ends. */
    public Boolean getSkipRestoreIndexesAfterSnapshot() {
        return skipRestoreIndexesAfterSnapshot;
    }

    public void setSkipRestoreIndexesAfterSnapshot(Boolean skipRestoreIndexesAfterSnapshot) {
        this.skipRestoreIndexesAfterSnapshot = skipRestoreIndexesAfterSnapshot;
    }

    /** How changes are written to the target. */
    public JdbcSinkDebeziumProperties getDebeziumProperties() {
        return debeziumProperties;
    }

    public void setDebeziumProperties(JdbcSinkDebeziumProperties debeziumProperties) {
        this.debeziumProperties = debeziumProperties;
    }

    public static final String DEFAULT_DATABASE = "postgres";

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TargetSGCluster that = (TargetSGCluster) o;
        return Objects.equals(name, that.name)
                && Objects.equals(database, that.database)
                && Objects.equals(username, that.username)
                && Objects.equals(password, that.password)
                && Objects.equals(skipDdlImport, that.skipDdlImport)
                && Objects.equals(ddlImportRoleSkipFilter, that.ddlImportRoleSkipFilter)
                && Objects.equals(skipDropPrimaryKeys, that.skipDropPrimaryKeys)
                && Objects.equals(skipDropIndexesAndConstraints, that.skipDropIndexesAndConstraints)
                && Objects.equals(skipRestoreIndexesAfterSnapshot, that.skipRestoreIndexesAfterSnapshot)
                && Objects.equals(debeziumProperties, that.debeziumProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, database, username, password, skipDdlImport, ddlImportRoleSkipFilter,
                skipDropPrimaryKeys, skipDropIndexesAndConstraints, skipRestoreIndexesAfterSnapshot,
                debeziumProperties);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "TargetSGCluster{", "}");
        if (name != null) {
            fields.add("name=" + name);
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
        if (skipDdlImport != null) {
            fields.add("skipDdlImport=" + skipDdlImport);
        }
        if (ddlImportRoleSkipFilter != null) {
            fields.add("ddlImportRoleSkipFilter=" + ddlImportRoleSkipFilter);
        }
        if (skipDropPrimaryKeys != null) {
            fields.add("skipDropPrimaryKeys=" + skipDropPrimaryKeys);
        }
        if (skipDropIndexesAndConstraints != null) {
            fields.add("skipDropIndexesAndConstraints=" + skipDropIndexesAndConstraints);
        }
        if (skipRestoreIndexesAfterSnapshot != null) {
            fields.add("skipRestoreIndexesAfterSnapshot=" + skipRestoreIndexesAfterSnapshot);
        }
        if (debeziumProperties != null) {
            fields.add("debeziumProperties=" + debeziumProperties);
        }
        return fields.toString();
    }
}
