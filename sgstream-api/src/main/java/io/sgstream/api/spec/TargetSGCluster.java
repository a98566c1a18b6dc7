package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.sgCluster}: apply every change to a database of an SGCluster in the stream's namespace.
 * Unset {@code username}/{@code password} mean the target cluster's superuser.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetSGCluster extends DatabaseSection {

    private String name;
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

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        TargetSGCluster that = (TargetSGCluster) o;
        return Objects.equals(name, that.name)
                && Objects.equals(skipDdlImport, that.skipDdlImport)
                && Objects.equals(ddlImportRoleSkipFilter, that.ddlImportRoleSkipFilter)
                && Objects.equals(skipDropPrimaryKeys, that.skipDropPrimaryKeys)
                && Objects.equals(skipDropIndexesAndConstraints, that.skipDropIndexesAndConstraints)
                && Objects.equals(skipRestoreIndexesAfterSnapshot, that.skipRestoreIndexesAfterSnapshot)
                && Objects.equals(debeziumProperties, that.debeziumProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), name, skipDdlImport, ddlImportRoleSkipFilter, skipDropPrimaryKeys,
                skipDropIndexesAndConstraints, skipRestoreIndexesAfterSnapshot, debeziumProperties);
    }

    @Override
    protected void describe(StringJoiner fields) {
        add(fields, "name", name);
        super.describe(fields);
        add(fields, "skipDdlImport", skipDdlImport);
        add(fields, "ddlImportRoleSkipFilter", ddlImportRoleSkipFilter);
        add(fields, "skipDropPrimaryKeys", skipDropPrimaryKeys);
        add(fields, "skipDropIndexesAndConstraints", skipDropIndexesAndConstraints);
        add(fields, "skipRestoreIndexesAfterSnapshot", skipRestoreIndexesAfterSnapshot);
        add(fields, "debeziumProperties", debeziumProperties);
    }
}
