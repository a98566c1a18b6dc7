package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.sgCluster.debeziumProperties}: how changes are written into the target database, with the
 * field names of StackGres's Debezium JDBC sink settings. Each field {@code myPropertyName} becomes {@code
 * my.property.name} ({@code connectionPoolMin_size} becomes {@code connection.pool.min_size}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JdbcSinkDebeziumProperties {

    private String connectionUrlParameters;
    private Boolean detectInsertMode;
    private Boolean removePlaceholders;
    @JsonProperty("connectionPoolMin_size")
    private Integer connectionPoolMinSize;
    @JsonProperty("connectionPoolMax_size")
    private Integer connectionPoolMaxSize;
    @JsonProperty("connectionPoolAcquire_increment")
    private Integer connectionPoolAcquireIncrement;
    private Integer connectionPoolTimeout;
    private Boolean connectionRestartOnErrors;
    private String useTimeZone;
    @DebeziumDefault("true")
    private Boolean deleteEnabled;
    private Boolean truncateEnabled;
    @DebeziumDefault("upsert")
    private String insertMode;
    @DebeziumDefault("record_key")
    private String primaryKeyMode;
    private List<String> primaryKeyFields;
    @DebeziumDefault("true")
    private Boolean quoteIdentifiers;
    @DebeziumDefault("basic")
    private String schemaEvolution;
    @DebeziumDefault("${original}")
    private String collectionNameFormat;
    private String dialectPostgresPostgisSchema;
    private Boolean dialectSqlserverIdentityInsert;
    private Integer batchSize;
    private Boolean useReductionBuffer;
    private Integer flushMaxRetries;
    private Integer flushRetryDelayMs;
    private String columnNamingStrategy;
    private String collectionNamingStrategy;

    public String getConnectionUrlParameters() {
        return connectionUrlParameters;
    }

    public void setConnectionUrlParameters(String connectionUrlParameters) {
        this.connectionUrlParameters = connectionUrlParameters;
    }

    public Boolean getDetectInsertMode() {
        return detectInsertMode;
    }

    public void setDetectInsertMode(Boolean detectInsertMode) {
        this.detectInsertMode = detectInsertMode;
    }

    public Boolean getRemovePlaceholders() {
        return removePlaceholders;
    }

    public void setRemovePlaceholders(Boolean removePlaceholders) {
        this.removePlaceholders = removePlaceholders;
    }

    public Integer getConnectionPoolMinSize() {
        return connectionPoolMinSize;
    }

    public void setConnectionPoolMinSize(Integer connectionPoolMinSize) {
        this.connectionPoolMinSize = connectionPoolMinSize;
    }

    public Integer getConnectionPoolMaxSize() {
        return connectionPoolMaxSize;
    }

    public void setConnectionPoolMaxSize(Integer connectionPoolMaxSize) {
        this.connectionPoolMaxSize = connectionPoolMaxSize;
    }

    public Integer getConnectionPoolAcquireIncrement() {
        return connectionPoolAcquireIncrement;
    }

    public void setConnectionPoolAcquireIncrement(Integer connectionPoolAcquireIncrement) {
        this.connectionPoolAcquireIncrement = connectionPoolAcquireIncrement;
    }

    public Integer getConnectionPoolTimeout() {
        return connectionPoolTimeout;
    }

    public void setConnectionPoolTimeout(Integer connectionPoolTimeout) {
        this.connectionPoolTimeout = connectionPoolTimeout;
    }

    public Boolean getConnectionRestartOnErrors() {
        return connectionRestartOnErrors;
    }

    public void setConnectionRestartOnErrors(Boolean connectionRestartOnErrors) {
        this.connectionRestartOnErrors = connectionRestartOnErrors;
    }

    public String getUseTimeZone() {
        return useTimeZone;
    }

    public void setUseTimeZone(String useTimeZone) {
        this.useTimeZone = useTimeZone;
    }

    public Boolean getDeleteEnabled() {
        return deleteEnabled;
    }

    public void setDeleteEnabled(Boolean deleteEnabled) {
        this.deleteEnabled = deleteEnabled;
    }

    public Boolean getTruncateEnabled() {
        return truncateEnabled;
    }

    public void setTruncateEnabled(Boolean truncateEnabled) {
        this.truncateEnabled = truncateEnabled;
    }

    public String getInsertMode() {
        return insertMode;
    }

    public void setInsertMode(String insertMode) {
        this.insertMode = insertMode;
    }

    public String getPrimaryKeyMode() {
        return primaryKeyMode;
    }

    public void setPrimaryKeyMode(String primaryKeyMode) {
        this.primaryKeyMode = primaryKeyMode;
    }

    public List<String> getPrimaryKeyFields() {
        return primaryKeyFields;
    }

    public void setPrimaryKeyFields(List<String> primaryKeyFields) {
        this.primaryKeyFields = primaryKeyFields;
    }

    public Boolean getQuoteIdentifiers() {
        return quoteIdentifiers;
    }

    public void setQuoteIdentifiers(Boolean quoteIdentifiers) {
        this.quoteIdentifiers = quoteIdentifiers;
    }

    public String getSchemaEvolution() {
        return schemaEvolution;
    }

    public void setSchemaEvolution(String schemaEvolution) {
        this.schemaEvolution = schemaEvolution;
    }

    public String getCollectionNameFormat() {
        return collectionNameFormat;
    }

    public void setCollectionNameFormat(String collectionNameFormat) {
        this.collectionNameFormat = collectionNameFormat;
    }

    public String getDialectPostgresPostgisSchema() {
        return dialectPostgresPostgisSchema;
    }

    public void setDialectPostgresPostgisSchema(String dialectPostgresPostgisSchema) {
        this.dialectPostgresPostgisSchema = dialectPostgresPostgisSchema;
    }

    public Boolean getDialectSqlserverIdentityInsert() {
        return dialectSqlserverIdentityInsert;
    }

    public void setDialectSqlserverIdentityInsert(Boolean dialectSqlserverIdentityInsert) {
        this.dialectSqlserverIdentityInsert = dialectSqlserverIdentityInsert;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Boolean getUseReductionBuffer() {
        return useReductionBuffer;
    }

    public void setUseReductionBuffer(Boolean useReductionBuffer) {
        this.useReductionBuffer = useReductionBuffer;
    }

    public Integer getFlushMaxRetries() {
        return flushMaxRetries;
    }

    public void setFlushMaxRetries(Integer flushMaxRetries) {
        this.flushMaxRetries = flushMaxRetries;
    }

    public Integer getFlushRetryDelayMs() {
        return flushRetryDelayMs;
    }

    public void setFlushRetryDelayMs(Integer flushRetryDelayMs) {
        this.flushRetryDelayMs = flushRetryDelayMs;
    }

    public String getColumnNamingStrategy() {
        return columnNamingStrategy;
    }

    public void setColumnNamingStrategy(String columnNamingStrategy) {
        this.columnNamingStrategy = columnNamingStrategy;
    }

    public String getCollectionNamingStrategy() {
        return collectionNamingStrategy;
    }

    public void setCollectionNamingStrategy(String collectionNamingStrategy) {
        this.collectionNamingStrategy = collectionNamingStrategy;
    }

    /**
     * The sink properties this section sets, with StackGres's defaults for unset fields: {@code delete.enabled=true},
     * {@code insert.mode=upsert}, {@code primary.key.mode=record_key}, {@code quote.identifiers=true},
     * {@code schema.evolution=basic} and {@code collection.name.format=${original}}. StackGres also defaults
     * {@code collection.naming.strategy} to a class of its own; that default is not reproduced here.
     */
    public Map<String, String> toDebeziumProperties() {
        return DebeziumPropertyWriter.write(this);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        JdbcSinkDebeziumProperties that = (JdbcSinkDebeziumProperties) o;
        return Objects.equals(connectionUrlParameters, that.connectionUrlParameters)
                && Objects.equals(detectInsertMode, that.detectInsertMode)
                && Objects.equals(removePlaceholders, that.removePlaceholders)
                && Objects.equals(connectionPoolMinSize, that.connectionPoolMinSize)
                && Objects.equals(connectionPoolMaxSize, that.connectionPoolMaxSize)
                && Objects.equals(connectionPoolAcquireIncrement, that.connectionPoolAcquireIncrement)
                && Objects.equals(connectionPoolTimeout, that.connectionPoolTimeout)
                && Objects.equals(connectionRestartOnErrors, that.connectionRestartOnErrors)
                && Objects.equals(useTimeZone, that.useTimeZone)
                && Objects.equals(deleteEnabled, that.deleteEnabled)
                && Objects.equals(truncateEnabled, that.truncateEnabled)
                && Objects.equals(insertMode, that.insertMode)
                && Objects.equals(primaryKeyMode, that.primaryKeyMode)
                && Objects.equals(primaryKeyFields, that.primaryKeyFields)
                && Objects.equals(quoteIdentifiers, that.quoteIdentifiers)
                && Objects.equals(schemaEvolution, that.schemaEvolution)
                && Objects.equals(collectionNameFormat, that.collectionNameFormat)
                && Objects.equals(dialectPostgresPostgisSchema, that.dialectPostgresPostgisSchema)
                && Objects.equals(dialectSqlserverIdentityInsert, that.dialectSqlserverIdentityInsert)
                && Objects.equals(batchSize, that.batchSize)
                && Objects.equals(useReductionBuffer, that.useReductionBuffer)
                && Objects.equals(flushMaxRetries, that.flushMaxRetries)
                && Objects.equals(flushRetryDelayMs, that.flushRetryDelayMs)
                && Objects.equals(columnNamingStrategy, that.columnNamingStrategy)
                && Objects.equals(collectionNamingStrategy, that.collectionNamingStrategy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionUrlParameters, detectInsertMode, removePlaceholders, connectionPoolMinSize,
                connectionPoolMaxSize, connectionPoolAcquireIncrement, connectionPoolTimeout,
                connectionRestartOnErrors, useTimeZone, deleteEnabled, truncateEnabled, insertMode, primaryKeyMode,
                primaryKeyFields, quoteIdentifiers, schemaEvolution, collectionNameFormat,
                dialectPostgresPostgisSchema, dialectSqlserverIdentityInsert, batchSize, useReductionBuffer,
                flushMaxRetries, flushRetryDelayMs, columnNamingStrategy, collectionNamingStrategy);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "JdbcSinkDebeziumProperties{", "}");
        if (connectionUrlParameters != null) {
            fields.add("connectionUrlParameters=" + connectionUrlParameters);
        }
        if (detectInsertMode != null) {
            fields.add("detectInsertMode=" + detectInsertMode);
        }
        if (removePlaceholders != null) {
            fields.add("removePlaceholders=" + removePlaceholders);
        }
        if (connectionPoolMinSize != null) {
            fields.add("connectionPoolMinSize=" + connectionPoolMinSize);
        }
        if (connectionPoolMaxSize != null) {
            fields.add("connectionPoolMaxSize=" + connectionPoolMaxSize);
        }
        if (connectionPoolAcquireIncrement != null) {
            fields.add("connectionPoolAcquireIncrement=" + connectionPoolAcquireIncrement);
        }
        if (connectionPoolTimeout != null) {
            fields.add("connectionPoolTimeout=" + connectionPoolTimeout);
        }
        if (connectionRestartOnErrors != null) {
            fields.add("connectionRestartOnErrors=" + connectionRestartOnErrors);
        }
        if (useTimeZone != null) {
            fields.add("useTimeZone=" + useTimeZone);
        }
        if (deleteEnabled != null) {
            fields.add("deleteEnabled=" + deleteEnabled);
        }
        if (truncateEnabled != null) {
            fields.add("truncateEnabled=" + truncateEnabled);
        }
        if (insertMode != null) {
            fields.add("insertMode=" + insertMode);
        }
        if (primaryKeyMode != null) {
            fields.add("primaryKeyMode=" + primaryKeyMode);
        }
        if (primaryKeyFields != null) {
            fields.add("primaryKeyFields=" + primaryKeyFields);
        }
        if (quoteIdentifiers != null) {
            fields.add("quoteIdentifiers=" + quoteIdentifiers);
        }
        if (schemaEvolution != null) {
            fields.add("schemaEvolution=" + schemaEvolution);
        }
        if (collectionNameFormat != null) {
            fields.add("collectionNameFormat=" + collectionNameFormat);
        }
        if (dialectPostgresPostgisSchema != null) {
            fields.add("dialectPostgresPostgisSchema=" + dialectPostgresPostgisSchema);
        }
        if (dialectSqlserverIdentityInsert != null) {
            fields.add("dialectSqlserverIdentityInsert=" + dialectSqlserverIdentityInsert);
        }
        if (batchSize != null) {
            fields.add("batchSize=" + batchSize);
        }
        if (useReductionBuffer != null) {
            fields.add("useReductionBuffer=" + useReductionBuffer);
        }
        if (flushMaxRetries != null) {
            fields.add("flushMaxRetries=" + flushMaxRetries);
        }
        if (flushRetryDelayMs != null) {
            fields.add("flushRetryDelayMs=" + flushRetryDelayMs);
        }
        if (columnNamingStrategy != null) {
            fields.add("columnNamingStrategy=" + columnNamingStrategy);
        }
        if (collectionNamingStrategy != null) {
            fields.add("collectionNamingStrategy=" + collectionNamingStrategy);
        }
        return fields.toString();
    }
}
