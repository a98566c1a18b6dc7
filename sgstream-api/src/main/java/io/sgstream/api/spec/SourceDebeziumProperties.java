package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code debeziumProperties} of a source: settings of Debezium's PostgreSQL connector (see its "connector
 * properties" reference), field-compatible with StackGres. Each field {@code myPropertyName} becomes the connector
 * property {@code my.property.name}; see {@link #toDebeziumProperties()} for lists, maps and the defaults that
 * differ from Debezium's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceDebeziumProperties {

    @DebeziumDefault("pgoutput")
    private String pluginName;
    private String slotName;
    private Boolean slotDropOnStop;
    private Boolean slotFailover;
    private String publicationName;
    private Boolean skipMessagesWithoutChange;
    private String timePrecisionMode;
    private String decimalHandlingMode;
    private String hstoreHandlingMode;
    private String intervalHandlingMode;
    private Boolean tombstonesOnDelete;
    private List<String> columnTruncateToLengthChars;
    private List<String> columnMaskWithLengthChars;
    @DebeziumMap(DebeziumMap.Style.HASH_WITH_SALT)
    private Map<String, Map<String, List<String>>> columnMaskHash;
    @DebeziumMap(DebeziumMap.Style.HASH_WITH_SALT)
    private Map<String, Map<String, List<String>>> columnMaskHashV2;
    @DebeziumDefault(".*")
    private List<String> columnPropagateSourceType;
    @DebeziumDefault(".*")
    private List<String> datatypePropagateSourceType;
    private List<String> messageKeyColumns;
    private String publicationAutocreateMode;
    private List<String> replicaIdentityAutosetValues;
    private String binaryHandlingMode;
    private String schemaNameAdjustmentMode;
    private String fieldNameAdjustmentMode;
    private Integer moneyFractionDigits;
    private List<String> messagePrefixIncludeList;
    private List<String> messagePrefixExcludeList;
    @DebeziumMap(DebeziumMap.Style.KEYS_THEN_UNPREFIXED_ENTRIES)
    private Map<String, Map<String, String>> converters;
    private String snapshotIsolationMode;
    private String snapshotMode;
    private Boolean snapshotModeConfigurationBasedSnapshotData;
    private Boolean snapshotModeConfigurationBasedSnapshotSchema;
    private Boolean snapshotModeConfigurationBasedStartStream;
    private Boolean snapshotModeConfigurationBasedSnapshotOnSchemaError;
    private Boolean snapshotModeConfigurationBasedSnapshotOnDataError;
    private String snapshotModeCustomName;
    private String snapshotLockingMode;
    private String snapshotLockingModeCustomName;
    private String snapshotQueryMode;
    private String snapshotQueryModeCustomName;
    private List<String> snapshotIncludeCollectionList;
    private Integer snapshotLockTimeoutMs;
    @DebeziumMap(DebeziumMap.Style.KEYS_THEN_PREFIXED_ENTRIES)
    private Map<String, String> snapshotSelectStatementOverrides;
    private String eventProcessingFailureHandlingMode;
    private Integer maxBatchSize;
    private Integer maxQueueSize;
    private Long maxQueueSizeInBytes;
    private Integer pollIntervalMs;
    @DebeziumDefault("true")
    private Boolean includeUnknownDatatypes;
    @DebeziumListSeparator(";")
    private List<String> databaseInitialStatements;
    private Integer statusUpdateIntervalMs;
    private Integer heartbeatIntervalMs;
    private String heartbeatActionQuery;
    private String schemaRefreshMode;
    private Integer snapshotDelayMs;
    private Integer streamingDelayMs;
    private Integer snapshotFetchSize;
    @DebeziumListSeparator(";")
    @DebeziumMap(DebeziumMap.Style.PAIRS)
    private Map<String, String> slotStreamParams;
    private Integer slotMaxRetries;
    private Integer slotRetryDelayMs;
    private String unavailableValuePlaceholder;
    private Boolean provideTransactionMetadata;
    private Boolean publishViaPartitionRoot;
    private Boolean flushLsnSource;
    private Integer retriableRestartConnectorWaitMs;
    private List<String> skippedOperations;
    private String signalDataCollection;
    @DebeziumDefault("sgstream-annotations")
    private List<String> signalEnabledChannels;
    private List<String> notificationEnabledChannels;
    private Integer incrementalSnapshotChunkSize;
    private String incrementalSnapshotWatermarkingStrategy;
    private Boolean readOnly;
    private Integer xminFetchIntervalMs;
    private String topicNamingStrategy;
    private String topicDelimiter;
    private Integer topicCacheSize;
    private String topicHeartbeatPrefix;
    private String topicTransaction;
    private Integer snapshotMaxThreads;
    @DebeziumMap(DebeziumMap.Style.PAIRS)
    private Map<String, String> customMetricTags;
    private Integer errorsMaxRetries;
    @DebeziumDefault("0")
    private Integer databaseQueryTimeoutMs;
    private Integer guardrailCollectionsMax;
    private String guardrailCollectionsLimitAction;
    private Boolean extendedHeadersEnabled;

    public String getPluginName() {
        return pluginName;
    }

    public void setPluginName(String pluginName) {
        this.pluginName = pluginName;
    }

    public String getSlotName() {
        return slotName;
    }

    public void setSlotName(String slotName) {
        this.slotName = slotName;
    }

    public Boolean getSlotDropOnStop() {
        return slotDropOnStop;
    }

    public void setSlotDropOnStop(Boolean slotDropOnStop) {
        this.slotDropOnStop = slotDropOnStop;
    }

    public Boolean getSlotFailover() {
        return slotFailover;
    }

    public void setSlotFailover(Boolean slotFailover) {
        this.slotFailover = slotFailover;
    }

    public String getPublicationName() {
        return publicationName;
    }

    public void setPublicationName(String publicationName) {
        this.publicationName = publicationName;
    }

    public Boolean getSkipMessagesWithoutChange() {
        return skipMessagesWithoutChange;
    }

    public void setSkipMessagesWithoutChange(Boolean skipMessagesWithoutChange) {
        this.skipMessagesWithoutChange = skipMessagesWithoutChange;
    }

    public String getTimePrecisionMode() {
        return timePrecisionMode;
    }

    public void setTimePrecisionMode(String timePrecisionMode) {
        this.timePrecisionMode = timePrecisionMode;
    }

    public String getDecimalHandlingMode() {
        return decimalHandlingMode;
    }

    public void setDecimalHandlingMode(String decimalHandlingMode) {
        this.decimalHandlingMode = decimalHandlingMode;
    }

    public String getHstoreHandlingMode() {
        return hstoreHandlingMode;
    }

    public void setHstoreHandlingMode(String hstoreHandlingMode) {
        this.hstoreHandlingMode = hstoreHandlingMode;
    }

    public String getIntervalHandlingMode() {
        return intervalHandlingMode;
    }

    public void setIntervalHandlingMode(String intervalHandlingMode) {
        this.intervalHandlingMode = intervalHandlingMode;
    }

    public Boolean getTombstonesOnDelete() {
        return tombstonesOnDelete;
    }

    public void setTombstonesOnDelete(Boolean tombstonesOnDelete) {
        this.tombstonesOnDelete = tombstonesOnDelete;
    }

    public List<String> getColumnTruncateToLengthChars() {
        return columnTruncateToLengthChars;
    }

    public void setColumnTruncateToLengthChars(List<String> columnTruncateToLengthChars) {
        this.columnTruncateToLengthChars = columnTruncateToLengthChars;
    }

    public List<String> getColumnMaskWithLengthChars() {
        return columnMaskWithLengthChars;
    }

    public void setColumnMaskWithLengthChars(List<String> columnMaskWithLengthChars) {
        this.columnMaskWithLengthChars = columnMaskWithLengthChars;
    }

    public Map<String, Map<String, List<String>>> getColumnMaskHash() {
        return columnMaskHash;
    }

    public void setColumnMaskHash(Map<String, Map<String, List<String>>> columnMaskHash) {
        this.columnMaskHash = columnMaskHash;
    }

    public Map<String, Map<String, List<String>>> getColumnMaskHashV2() {
        return columnMaskHashV2;
    }

    public void setColumnMaskHashV2(Map<String, Map<String, List<String>>> columnMaskHashV2) {
        this.columnMaskHashV2 = columnMaskHashV2;
    }

    public List<String> getColumnPropagateSourceType() {
        return columnPropagateSourceType;
    }

    public void setColumnPropagateSourceType(List<String> columnPropagateSourceType) {
        this.columnPropagateSourceType = columnPropagateSourceType;
    }

    public List<String> getDatatypePropagateSourceType() {
        return datatypePropagateSourceType;
    }

    public void setDatatypePropagateSourceType(List<String> datatypePropagateSourceType) {
        this.datatypePropagateSourceType = datatypePropagateSourceType;
    }

    public List<String> getMessageKeyColumns() {
        return messageKeyColumns;
    }

    public void setMessageKeyColumns(List<String> messageKeyColumns) {
        this.messageKeyColumns = messageKeyColumns;
    }

    public String getPublicationAutocreateMode() {
        return publicationAutocreateMode;
    }

    public void setPublicationAutocreateMode(String publicationAutocreateMode) {
        this.publicationAutocreateMode = publicationAutocreateMode;
    }

    public List<String> getReplicaIdentityAutosetValues() {
        return replicaIdentityAutosetValues;
    }

    public void setReplicaIdentityAutosetValues(List<String> replicaIdentityAutosetValues) {
        this.replicaIdentityAutosetValues = replicaIdentityAutosetValues;
    }

    public String getBinaryHandlingMode() {
        return binaryHandlingMode;
    }

    public void setBinaryHandlingMode(String binaryHandlingMode) {
        this.binaryHandlingMode = binaryHandlingMode;
    }

    public String getSchemaNameAdjustmentMode() {
        return schemaNameAdjustmentMode;
    }

    public void setSchemaNameAdjustmentMode(String schemaNameAdjustmentMode) {
        this.schemaNameAdjustmentMode = schemaNameAdjustmentMode;
    }

    public String getFieldNameAdjustmentMode() {
        return fieldNameAdjustmentMode;
    }

    public void setFieldNameAdjustmentMode(String fieldNameAdjustmentMode) {
        this.fieldNameAdjustmentMode = fieldNameAdjustmentMode;
    }

    public Integer getMoneyFractionDigits() {
        return moneyFractionDigits;
    }

    public void setMoneyFractionDigits(Integer moneyFractionDigits) {
        this.moneyFractionDigits = moneyFractionDigits;
    }

    public List<String> getMessagePrefixIncludeList() {
        return messagePrefixIncludeList;
    }

    public void setMessagePrefixIncludeList(List<String> messagePrefixIncludeList) {
        this.messagePrefixIncludeList = messagePrefixIncludeList;
    }

    public List<String> getMessagePrefixExcludeList() {
        return messagePrefixExcludeList;
    }

    public void setMessagePrefixExcludeList(List<String> messagePrefixExcludeList) {
        this.messagePrefixExcludeList = messagePrefixExcludeList;
    }

    public Map<String, Map<String, String>> getConverters() {
        return converters;
    }

    public void setConverters(Map<String, Map<String, String>> converters) {
        this.converters = converters;
    }

    public String getSnapshotIsolationMode() {
        return snapshotIsolationMode;
    }

    public void setSnapshotIsolationMode(String snapshotIsolationMode) {
        this.snapshotIsolationMode = snapshotIsolationMode;
    }

    public String getSnapshotMode() {
        return snapshotMode;
    }

    public void setSnapshotMode(String snapshotMode) {
        this.snapshotMode = snapshotMode;
    }

    public Boolean getSnapshotModeConfigurationBasedSnapshotData() {
        return snapshotModeConfigurationBasedSnapshotData;
    }

    public void setSnapshotModeConfigurationBasedSnapshotData(Boolean snapshotModeConfigurationBasedSnapshotData) {
        this.snapshotModeConfigurationBasedSnapshotData = snapshotModeConfigurationBasedSnapshotData;
    }

    public Boolean getSnapshotModeConfigurationBasedSnapshotSchema() {
        return snapshotModeConfigurationBasedSnapshotSchema;
    }

    public void setSnapshotModeConfigurationBasedSnapshotSchema(
            Boolean snapshotModeConfigurationBasedSnapshotSchema) {
        this.snapshotModeConfigurationBasedSnapshotSchema = snapshotModeConfigurationBasedSnapshotSchema;
    }

    public Boolean getSnapshotModeConfigurationBasedStartStream() {
        return snapshotModeConfigurationBasedStartStream;
    }

    public void setSnapshotModeConfigurationBasedStartStream(Boolean snapshotModeConfigurationBasedStartStream) {
        this.snapshotModeConfigurationBasedStartStream = snapshotModeConfigurationBasedStartStream;
    }

    public Boolean getSnapshotModeConfigurationBasedSnapshotOnSchemaError() {
        return snapshotModeConfigurationBasedSnapshotOnSchemaError;
    }

    public void setSnapshotModeConfigurationBasedSnapshotOnSchemaError(
            Boolean snapshotModeConfigurationBasedSnapshotOnSchemaError) {
        this.snapshotModeConfigurationBasedSnapshotOnSchemaError = snapshotModeConfigurationBasedSnapshotOnSchemaError;
    }

    public Boolean getSnapshotModeConfigurationBasedSnapshotOnDataError() {
        return snapshotModeConfigurationBasedSnapshotOnDataError;
    }

    public void setSnapshotModeConfigurationBasedSnapshotOnDataError(
            Boolean snapshotModeConfigurationBasedSnapshotOnDataError) {
        this.snapshotModeConfigurationBasedSnapshotOnDataError = snapshotModeConfigurationBasedSnapshotOnDataError;
    }

    public String getSnapshotModeCustomName() {
        return snapshotModeCustomName;
    }

    public void setSnapshotModeCustomName(String snapshotModeCustomName) {
        this.snapshotModeCustomName = snapshotModeCustomName;
    }

    public String getSnapshotLockingMode() {
        return snapshotLockingMode;
    }

    public void setSnapshotLockingMode(String snapshotLockingMode) {
        this.snapshotLockingMode = snapshotLockingMode;
    }

    public String getSnapshotLockingModeCustomName() {
        return snapshotLockingModeCustomName;
    }

    public void setSnapshotLockingModeCustomName(String snapshotLockingModeCustomName) {
        this.snapshotLockingModeCustomName = snapshotLockingModeCustomName;
    }

    public String getSnapshotQueryMode() {
        return snapshotQueryMode;
    }

    public void setSnapshotQueryMode(String snapshotQueryMode) {
        this.snapshotQueryMode = snapshotQueryMode;
    }

    public String getSnapshotQueryModeCustomName() {
        return snapshotQueryModeCustomName;
    }

    public void setSnapshotQueryModeCustomName(String snapshotQueryModeCustomName) {
        this.snapshotQueryModeCustomName = snapshotQueryModeCustomName;
    }

    public List<String> getSnapshotIncludeCollectionList() {
        return snapshotIncludeCollectionList;
    }

    public void setSnapshotIncludeCollectionList(List<String> snapshotIncludeCollectionList) {
        this.snapshotIncludeCollectionList = snapshotIncludeCollectionList;
    }

    public Integer getSnapshotLockTimeoutMs() {
        return snapshotLockTimeoutMs;
    }

    public void setSnapshotLockTimeoutMs(Integer snapshotLockTimeoutMs) {
        this.snapshotLockTimeoutMs = snapshotLockTimeoutMs;
    }

    public Map<String, String> getSnapshotSelectStatementOverrides() {
        return snapshotSelectStatementOverrides;
    }

    public void setSnapshotSelectStatementOverrides(Map<String, String> snapshotSelectStatementOverrides) {
        this.snapshotSelectStatementOverrides = snapshotSelectStatementOverrides;
    }

    public String getEventProcessingFailureHandlingMode() {
        return eventProcessingFailureHandlingMode;
    }

    public void setEventProcessingFailureHandlingMode(String eventProcessingFailureHandlingMode) {
        this.eventProcessingFailureHandlingMode = eventProcessingFailureHandlingMode;
    }

    public Integer getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public Integer getMaxQueueSize() {
        return maxQueueSize;
    }

    public void setMaxQueueSize(Integer maxQueueSize) {
        this.maxQueueSize = maxQueueSize;
    }

    public Long getMaxQueueSizeInBytes() {
        return maxQueueSizeInBytes;
    }

    public void setMaxQueueSizeInBytes(Long maxQueueSizeInBytes) {
        this.maxQueueSizeInBytes = maxQueueSizeInBytes;
    }

    public Integer getPollIntervalMs() {
        return pollIntervalMs;
    }

    public void setPollIntervalMs(Integer pollIntervalMs) {
        this.pollIntervalMs = pollIntervalMs;
    }

    public Boolean getIncludeUnknownDatatypes() {
        return includeUnknownDatatypes;
    }

    public void setIncludeUnknownDatatypes(Boolean includeUnknownDatatypes) {
        this.includeUnknownDatatypes = includeUnknownDatatypes;
    }

    public List<String> getDatabaseInitialStatements() {
        return databaseInitialStatements;
    }

    public void setDatabaseInitialStatements(List<String> databaseInitialStatements) {
        this.databaseInitialStatements = databaseInitialStatements;
    }

    public Integer getStatusUpdateIntervalMs() {
        return statusUpdateIntervalMs;
    }

    public void setStatusUpdateIntervalMs(Integer statusUpdateIntervalMs) {
        this.statusUpdateIntervalMs = statusUpdateIntervalMs;
    }

    public Integer getHeartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public void setHeartbeatIntervalMs(Integer heartbeatIntervalMs) {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
    }

    public String getHeartbeatActionQuery() {
        return heartbeatActionQuery;
    }

    public void setHeartbeatActionQuery(String heartbeatActionQuery) {
        this.heartbeatActionQuery = heartbeatActionQuery;
    }

    public String getSchemaRefreshMode() {
        return schemaRefreshMode;
    }

    public void setSchemaRefreshMode(String schemaRefreshMode) {
        this.schemaRefreshMode = schemaRefreshMode;
    }

    public Integer getSnapshotDelayMs() {
        return snapshotDelayMs;
    }

    public void setSnapshotDelayMs(Integer snapshotDelayMs) {
        this.snapshotDelayMs = snapshotDelayMs;
    }

    public Integer getStreamingDelayMs() {
        return streamingDelayMs;
    }

    public void setStreamingDelayMs(Integer streamingDelayMs) {
        this.streamingDelayMs = streamingDelayMs;
    }

    public Integer getSnapshotFetchSize() {
        return snapshotFetchSize;
    }

    public void setSnapshotFetchSize(Integer snapshotFetchSize) {
        this.snapshotFetchSize = snapshotFetchSize;
    }

    public Map<String, String> getSlotStreamParams() {
        return slotStreamParams;
    }

    public void setSlotStreamParams(Map<String, String> slotStreamParams) {
        this.slotStreamParams = slotStreamParams;
    }

    public Integer getSlotMaxRetries() {
        return slotMaxRetries;
    }

    public void setSlotMaxRetries(Integer slotMaxRetries) {
        this.slotMaxRetries = slotMaxRetries;
    }

    public Integer getSlotRetryDelayMs() {
        return slotRetryDelayMs;
    }

    public void setSlotRetryDelayMs(Integer slotRetryDelayMs) {
        this.slotRetryDelayMs = slotRetryDelayMs;
    }

    public String getUnavailableValuePlaceholder() {
        return unavailableValuePlaceholder;
    }

    public void setUnavailableValuePlaceholder(String unavailableValuePlaceholder) {
        this.unavailableValuePlaceholder = unavailableValuePlaceholder;
    }

    public Boolean getProvideTransactionMetadata() {
        return provideTransactionMetadata;
    }

    public void setProvideTransactionMetadata(Boolean provideTransactionMetadata) {
        this.provideTransactionMetadata = provideTransactionMetadata;
    }

    public Boolean getPublishViaPartitionRoot() {
        return publishViaPartitionRoot;
    }

    public void setPublishViaPartitionRoot(Boolean publishViaPartitionRoot) {
        this.publishViaPartitionRoot = publishViaPartitionRoot;
    }

    public Boolean getFlushLsnSource() {
        return flushLsnSource;
    }

    public void setFlushLsnSource(Boolean flushLsnSource) {
        this.flushLsnSource = flushLsnSource;
    }

    public Integer getRetriableRestartConnectorWaitMs() {
        return retriableRestartConnectorWaitMs;
    }

    public void setRetriableRestartConnectorWaitMs(Integer retriableRestartConnectorWaitMs) {
        this.retriableRestartConnectorWaitMs = retriableRestartConnectorWaitMs;
    }

    public List<String> getSkippedOperations() {
        return skippedOperations;
    }

    public void setSkippedOperations(List<String> skippedOperations) {
        this.skippedOperations = skippedOperations;
    }

    public String getSignalDataCollection() {
        return signalDataCollection;
    }

    public void setSignalDataCollection(String signalDataCollection) {
        this.signalDataCollection = signalDataCollection;
    }

    public List<String> getSignalEnabledChannels() {
        return signalEnabledChannels;
    }

    public void setSignalEnabledChannels(List<String> signalEnabledChannels) {
        this.signalEnabledChannels = signalEnabledChannels;
    }

    public List<String> getNotificationEnabledChannels() {
        return notificationEnabledChannels;
    }

    public void setNotificationEnabledChannels(List<String> notificationEnabledChannels) {
        this.notificationEnabledChannels = notificationEnabledChannels;
    }

    public Integer getIncrementalSnapshotChunkSize() {
        return incrementalSnapshotChunkSize;
    }

    public void setIncrementalSnapshotChunkSize(Integer incrementalSnapshotChunkSize) {
        this.incrementalSnapshotChunkSize = incrementalSnapshotChunkSize;
    }

    public String getIncrementalSnapshotWatermarkingStrategy() {
        return incrementalSnapshotWatermarkingStrategy;
    }

    public void setIncrementalSnapshotWatermarkingStrategy(String incrementalSnapshotWatermarkingStrategy) {
        this.incrementalSnapshotWatermarkingStrategy = incrementalSnapshotWatermarkingStrategy;
    }

    public Boolean getReadOnly() {
        return readOnly;
    }

    public void setReadOnly(Boolean readOnly) {
        this.readOnly = readOnly;
    }

    public Integer getXminFetchIntervalMs() {
        return xminFetchIntervalMs;
    }

    public void setXminFetchIntervalMs(Integer xminFetchIntervalMs) {
        this.xminFetchIntervalMs = xminFetchIntervalMs;
    }

    public String getTopicNamingStrategy() {
        return topicNamingStrategy;
    }

    public void setTopicNamingStrategy(String topicNamingStrategy) {
        this.topicNamingStrategy = topicNamingStrategy;
    }

    public String getTopicDelimiter() {
        return topicDelimiter;
    }

    public void setTopicDelimiter(String topicDelimiter) {
        this.topicDelimiter = topicDelimiter;
    }

    public Integer getTopicCacheSize() {
        return topicCacheSize;
    }

    public void setTopicCacheSize(Integer topicCacheSize) {
        this.topicCacheSize = topicCacheSize;
    }

    public String getTopicHeartbeatPrefix() {
        return topicHeartbeatPrefix;
    }

    public void setTopicHeartbeatPrefix(String topicHeartbeatPrefix) {
        this.topicHeartbeatPrefix = topicHeartbeatPrefix;
    }

    public String getTopicTransaction() {
        return topicTransaction;
    }

    public void setTopicTransaction(String topicTransaction) {
        this.topicTransaction = topicTransaction;
    }

    public Integer getSnapshotMaxThreads() {
        return snapshotMaxThreads;
    }

    public void setSnapshotMaxThreads(Integer snapshotMaxThreads) {
        this.snapshotMaxThreads = snapshotMaxThreads;
    }

    public Map<String, String> getCustomMetricTags() {
        return customMetricTags;
    }

    public void setCustomMetricTags(Map<String, String> customMetricTags) {
        this.customMetricTags = customMetricTags;
    }

    public Integer getErrorsMaxRetries() {
        return errorsMaxRetries;
    }

    public void setErrorsMaxRetries(Integer errorsMaxRetries) {
        this.errorsMaxRetries = errorsMaxRetries;
    }

    public Integer getDatabaseQueryTimeoutMs() {
        return databaseQueryTimeoutMs;
    }

    public void setDatabaseQueryTimeoutMs(Integer databaseQueryTimeoutMs) {
        this.databaseQueryTimeoutMs = databaseQueryTimeoutMs;
    }

    public Integer getGuardrailCollectionsMax() {
        return guardrailCollectionsMax;
    }

    public void setGuardrailCollectionsMax(Integer guardrailCollectionsMax) {
        this.guardrailCollectionsMax = guardrailCollectionsMax;
    }

    public String getGuardrailCollectionsLimitAction() {
        return guardrailCollectionsLimitAction;
    }

    public void setGuardrailCollectionsLimitAction(String guardrailCollectionsLimitAction) {
        this.guardrailCollectionsLimitAction = guardrailCollectionsLimitAction;
    }

    public Boolean getExtendedHeadersEnabled() {
        return extendedHeadersEnabled;
    }

    public void setExtendedHeadersEnabled(Boolean extendedHeadersEnabled) {
        this.extendedHeadersEnabled = extendedHeadersEnabled;
    }

    /** The signal channel that reads {@code debezium-signal.stackgres.io/*} annotations of the SGStream. */
    public static final String ANNOTATIONS_SIGNAL_CHANNEL = "sgstream-annotations";

    /**
     * The connector properties this section sets, with StackGres's defaults for unset fields:
     * {@code plugin.name=pgoutput}, {@code include.unknown.datatypes=true},
     * {@code column.propagate.source.type=.*} and {@code datatype.propagate.source.type=.*} (so a consumer learns
     * each column's PostgreSQL type), {@code signal.enabled.channels=sgstream-annotations} (setting the field
     * replaces it: list {@value #ANNOTATIONS_SIGNAL_CHANNEL} to keep annotation signals) and
     * {@code database.query.timeout.ms=0}.
     *
     * <p>Lists are joined with commas ({@code databaseInitialStatements} with {@code ;}). Maps:
     * {@code slotStreamParams: {a: 1, b: 2}} gives {@code slot.stream.params=a=1;b=2} ({@code customMetricTags}
     * the same joined with commas); {@code snapshotSelectStatementOverrides: {public.t: SELECT ...}} gives
     * {@code snapshot.select.statement.overrides=public.t} and
     * {@code snapshot.select.statement.overrides.public.t=SELECT ...}; {@code converters: {isbn: {type: X}}} gives
     * {@code converters=isbn} and {@code isbn.type=X}; {@code columnMaskHash: {SHA-256: {salt: [cols]}}} gives
     * {@code column.mask.hash.SHA-256.with.salt.salt=cols}.
     *
     * <p>{@code slot.name} and {@code publication.name} appear only when set here; the names a stream really uses
     * come from {@link io.sgstream.api.StreamNames}.
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
        SourceDebeziumProperties that = (SourceDebeziumProperties) o;
        return Objects.equals(pluginName, that.pluginName)
                && Objects.equals(slotName, that.slotName)
                && Objects.equals(slotDropOnStop, that.slotDropOnStop)
                && Objects.equals(slotFailover, that.slotFailover)
                && Objects.equals(publicationName, that.publicationName)
                && Objects.equals(skipMessagesWithoutChange, that.skipMessagesWithoutChange)
                && Objects.equals(timePrecisionMode, that.timePrecisionMode)
                && Objects.equals(decimalHandlingMode, that.decimalHandlingMode)
                && Objects.equals(hstoreHandlingMode, that.hstoreHandlingMode)
                && Objects.equals(intervalHandlingMode, that.intervalHandlingMode)
                && Objects.equals(tombstonesOnDelete, that.tombstonesOnDelete)
                && Objects.equals(columnTruncateToLengthChars, that.columnTruncateToLengthChars)
                && Objects.equals(columnMaskWithLengthChars, that.columnMaskWithLengthChars)
                && Objects.equals(columnMaskHash, that.columnMaskHash)
                && Objects.equals(columnMaskHashV2, that.columnMaskHashV2)
                && Objects.equals(columnPropagateSourceType, that.columnPropagateSourceType)
                && Objects.equals(datatypePropagateSourceType, that.datatypePropagateSourceType)
                && Objects.equals(messageKeyColumns, that.messageKeyColumns)
                && Objects.equals(publicationAutocreateMode, that.publicationAutocreateMode)
                && Objects.equals(replicaIdentityAutosetValues, that.replicaIdentityAutosetValues)
                && Objects.equals(binaryHandlingMode, that.binaryHandlingMode)
                && Objects.equals(schemaNameAdjustmentMode, that.schemaNameAdjustmentMode)
                && Objects.equals(fieldNameAdjustmentMode, that.fieldNameAdjustmentMode)
                && Objects.equals(moneyFractionDigits, that.moneyFractionDigits)
                && Objects.equals(messagePrefixIncludeList, that.messagePrefixIncludeList)
                && Objects.equals(messagePrefixExcludeList, that.messagePrefixExcludeList)
                && Objects.equals(converters, that.converters)
                && Objects.equals(snapshotIsolationMode, that.snapshotIsolationMode)
                && Objects.equals(snapshotMode, that.snapshotMode)
                && Objects.equals(snapshotModeConfigurationBasedSnapshotData,
                        that.snapshotModeConfigurationBasedSnapshotData)
                && Objects.equals(snapshotModeConfigurationBasedSnapshotSchema,
                        that.snapshotModeConfigurationBasedSnapshotSchema)
                && Objects.equals(snapshotModeConfigurationBasedStartStream,
                        that.snapshotModeConfigurationBasedStartStream)
                && Objects.equals(snapshotModeConfigurationBasedSnapshotOnSchemaError,
                        that.snapshotModeConfigurationBasedSnapshotOnSchemaError)
                && Objects.equals(snapshotModeConfigurationBasedSnapshotOnDataError,
                        that.snapshotModeConfigurationBasedSnapshotOnDataError)
                && Objects.equals(snapshotModeCustomName, that.snapshotModeCustomName)
                && Objects.equals(snapshotLockingMode, that.snapshotLockingMode)
                && Objects.equals(snapshotLockingModeCustomName, that.snapshotLockingModeCustomName)
                && Objects.equals(snapshotQueryMode, that.snapshotQueryMode)
                && Objects.equals(snapshotQueryModeCustomName, that.snapshotQueryModeCustomName)
                && Objects.equals(snapshotIncludeCollectionList, that.snapshotIncludeCollectionList)
                && Objects.equals(snapshotLockTimeoutMs, that.snapshotLockTimeoutMs)
                && Objects.equals(snapshotSelectStatementOverrides, that.snapshotSelectStatementOverrides)
                && Objects.equals(eventProcessingFailureHandlingMode, that.eventProcessingFailureHandlingMode)
                && Objects.equals(maxBatchSize, that.maxBatchSize)
                && Objects.equals(maxQueueSize, that.maxQueueSize)
                && Objects.equals(maxQueueSizeInBytes, that.maxQueueSizeInBytes)
                && Objects.equals(pollIntervalMs, that.pollIntervalMs)
                && Objects.equals(includeUnknownDatatypes, that.includeUnknownDatatypes)
                && Objects.equals(databaseInitialStatements, that.databaseInitialStatements)
                && Objects.equals(statusUpdateIntervalMs, that.statusUpdateIntervalMs)
                && Objects.equals(heartbeatIntervalMs, that.heartbeatIntervalMs)
                && Objects.equals(heartbeatActionQuery, that.heartbeatActionQuery)
                && Objects.equals(schemaRefreshMode, that.schemaRefreshMode)
                && Objects.equals(snapshotDelayMs, that.snapshotDelayMs)
                && Objects.equals(streamingDelayMs, that.streamingDelayMs)
                && Objects.equals(snapshotFetchSize, that.snapshotFetchSize)
                && Objects.equals(slotStreamParams, that.slotStreamParams)
                && Objects.equals(slotMaxRetries, that.slotMaxRetries)
                && Objects.equals(slotRetryDelayMs, that.slotRetryDelayMs)
                && Objects.equals(unavailableValuePlaceholder, that.unavailableValuePlaceholder)
                && Objects.equals(provideTransactionMetadata, that.provideTransactionMetadata)
                && Objects.equals(publishViaPartitionRoot, that.publishViaPartitionRoot)
                && Objects.equals(flushLsnSource, that.flushLsnSource)
                && Objects.equals(retriableRestartConnectorWaitMs, that.retriableRestartConnectorWaitMs)
                && Objects.equals(skippedOperations, that.skippedOperations)
                && Objects.equals(signalDataCollection, that.signalDataCollection)
                && Objects.equals(signalEnabledChannels, that.signalEnabledChannels)
                && Objects.equals(notificationEnabledChannels, that.notificationEnabledChannels)
                && Objects.equals(incrementalSnapshotChunkSize, that.incrementalSnapshotChunkSize)
                && Objects.equals(incrementalSnapshotWatermarkingStrategy, that.incrementalSnapshotWatermarkingStrategy)
                && Objects.equals(readOnly, that.readOnly)
                && Objects.equals(xminFetchIntervalMs, that.xminFetchIntervalMs)
                && Objects.equals(topicNamingStrategy, that.topicNamingStrategy)
                && Objects.equals(topicDelimiter, that.topicDelimiter)
                && Objects.equals(topicCacheSize, that.topicCacheSize)
                && Objects.equals(topicHeartbeatPrefix, that.topicHeartbeatPrefix)
                && Objects.equals(topicTransaction, that.topicTransaction)
                && Objects.equals(snapshotMaxThreads, that.snapshotMaxThreads)
                && Objects.equals(customMetricTags, that.customMetricTags)
                && Objects.equals(errorsMaxRetries, that.errorsMaxRetries)
                && Objects.equals(databaseQueryTimeoutMs, that.databaseQueryTimeoutMs)
                && Objects.equals(guardrailCollectionsMax, that.guardrailCollectionsMax)
                && Objects.equals(guardrailCollectionsLimitAction, that.guardrailCollectionsLimitAction)
                && Objects.equals(extendedHeadersEnabled, that.extendedHeadersEnabled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pluginName, slotName, slotDropOnStop, slotFailover, publicationName,
                skipMessagesWithoutChange, timePrecisionMode, decimalHandlingMode, hstoreHandlingMode,
                intervalHandlingMode, tombstonesOnDelete, columnTruncateToLengthChars, columnMaskWithLengthChars,
                columnMaskHash, columnMaskHashV2, columnPropagateSourceType, datatypePropagateSourceType,
                messageKeyColumns, publicationAutocreateMode, replicaIdentityAutosetValues, binaryHandlingMode,
                schemaNameAdjustmentMode, fieldNameAdjustmentMode, moneyFractionDigits, messagePrefixIncludeList,
                messagePrefixExcludeList, converters, snapshotIsolationMode, snapshotMode,
                snapshotModeConfigurationBasedSnapshotData, snapshotModeConfigurationBasedSnapshotSchema,
                snapshotModeConfigurationBasedStartStream, snapshotModeConfigurationBasedSnapshotOnSchemaError,
                snapshotModeConfigurationBasedSnapshotOnDataError, snapshotModeCustomName, snapshotLockingMode,
                snapshotLockingModeCustomName, snapshotQueryMode, snapshotQueryModeCustomName,
                snapshotIncludeCollectionList, snapshotLockTimeoutMs, snapshotSelectStatementOverrides,
                eventProcessingFailureHandlingMode, maxBatchSize, maxQueueSize, maxQueueSizeInBytes, pollIntervalMs,
                includeUnknownDatatypes, databaseInitialStatements, statusUpdateIntervalMs, heartbeatIntervalMs,
                heartbeatActionQuery, schemaRefreshMode, snapshotDelayMs, streamingDelayMs, snapshotFetchSize,
                slotStreamParams, slotMaxRetries, slotRetryDelayMs, unavailableValuePlaceholder,
                provideTransactionMetadata, publishViaPartitionRoot, flushLsnSource, retriableRestartConnectorWaitMs,
                skippedOperations, signalDataCollection, signalEnabledChannels, notificationEnabledChannels,
                incrementalSnapshotChunkSize, incrementalSnapshotWatermarkingStrategy, readOnly, xminFetchIntervalMs,
                topicNamingStrategy, topicDelimiter, topicCacheSize, topicHeartbeatPrefix, topicTransaction,
                snapshotMaxThreads, customMetricTags, errorsMaxRetries, databaseQueryTimeoutMs,
                guardrailCollectionsMax, guardrailCollectionsLimitAction, extendedHeadersEnabled);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SourceDebeziumProperties{", "}");
        if (pluginName != null) {
            fields.add("pluginName=" + pluginName);
        }
        if (slotName != null) {
            fields.add("slotName=" + slotName);
        }
        if (slotDropOnStop != null) {
            fields.add("slotDropOnStop=" + slotDropOnStop);
        }
        if (slotFailover != null) {
            fields.add("slotFailover=" + slotFailover);
        }
        if (publicationName != null) {
            fields.add("publicationName=" + publicationName);
        }
        if (skipMessagesWithoutChange != null) {
            fields.add("skipMessagesWithoutChange=" + skipMessagesWithoutChange);
        }
        if (timePrecisionMode != null) {
            fields.add("timePrecisionMode=" + timePrecisionMode);
        }
        if (decimalHandlingMode != null) {
            fields.add("decimalHandlingMode=" + decimalHandlingMode);
        }
        if (hstoreHandlingMode != null) {
            fields.add("hstoreHandlingMode=" + hstoreHandlingMode);
        }
        if (intervalHandlingMode != null) {
            fields.add("intervalHandlingMode=" + intervalHandlingMode);
        }
        if (tombstonesOnDelete != null) {
            fields.add("tombstonesOnDelete=" + tombstonesOnDelete);
        }
        if (columnTruncateToLengthChars != null) {
            fields.add("columnTruncateToLengthChars=" + columnTruncateToLengthChars);
        }
        if (columnMaskWithLengthChars != null) {
            fields.add("columnMaskWithLengthChars=" + columnMaskWithLengthChars);
        }
        if (columnMaskHash != null) {
            fields.add("columnMaskHash=" + columnMaskHash);
        }
        if (columnMaskHashV2 != null) {
            fields.add("columnMaskHashV2=" + columnMaskHashV2);
        }
        if (columnPropagateSourceType != null) {
            fields.add("columnPropagateSourceType=" + columnPropagateSourceType);
        }
        if (datatypePropagateSourceType != null) {
            fields.add("datatypePropagateSourceType=" + datatypePropagateSourceType);
        }
        if (messageKeyColumns != null) {
            fields.add("messageKeyColumns=" + messageKeyColumns);
        }
        if (publicationAutocreateMode != null) {
            fields.add("publicationAutocreateMode=" + publicationAutocreateMode);
        }
        if (replicaIdentityAutosetValues != null) {
            fields.add("replicaIdentityAutosetValues=" + replicaIdentityAutosetValues);
        }
        if (binaryHandlingMode != null) {
            fields.add("binaryHandlingMode=" + binaryHandlingMode);
        }
        if (schemaNameAdjustmentMode != null) {
            fields.add("schemaNameAdjustmentMode=" + schemaNameAdjustmentMode);
        }
        if (fieldNameAdjustmentMode != null) {
            fields.add("fieldNameAdjustmentMode=" + fieldNameAdjustmentMode);
        }
        if (moneyFractionDigits != null) {
            fields.add("moneyFractionDigits=" + moneyFractionDigits);
        }
        if (messagePrefixIncludeList != null) {
            fields.add("messagePrefixIncludeList=" + messagePrefixIncludeList);
        }
        if (messagePrefixExcludeList != null) {
            fields.add("messagePrefixExcludeList=" + messagePrefixExcludeList);
        }
        if (converters != null) {
            fields.add("converters=" + converters);
        }
        if (snapshotIsolationMode != null) {
            fields.add("snapshotIsolationMode=" + snapshotIsolationMode);
        }
        if (snapshotMode != null) {
            fields.add("snapshotMode=" + snapshotMode);
        }
        if (snapshotModeConfigurationBasedSnapshotData != null) {
            fields.add("snapshotModeConfigurationBasedSnapshotData=" + snapshotModeConfigurationBasedSnapshotData);
        }
        if (snapshotModeConfigurationBasedSnapshotSchema != null) {
            fields.add("snapshotModeConfigurationBasedSnapshotSchema=" + snapshotModeConfigurationBasedSnapshotSchema);
        }
        if (snapshotModeConfigurationBasedStartStream != null) {
            fields.add("snapshotModeConfigurationBasedStartStream=" + snapshotModeConfigurationBasedStartStream);
        }
        if (snapshotModeConfigurationBasedSnapshotOnSchemaError != null) {
            fields.add("snapshotModeConfigurationBasedSnapshotOnSchemaError="
                    + snapshotModeConfigurationBasedSnapshotOnSchemaError);
        }
        if (snapshotModeConfigurationBasedSnapshotOnDataError != null) {
            fields.add("snapshotModeConfigurationBasedSnapshotOnDataError="
                    + snapshotModeConfigurationBasedSnapshotOnDataError);
        }
        if (snapshotModeCustomName != null) {
            fields.add("snapshotModeCustomName=" + snapshotModeCustomName);
        }
        if (snapshotLockingMode != null) {
            fields.add("snapshotLockingMode=" + snapshotLockingMode);
        }
        if (snapshotLockingModeCustomName != null) {
            fields.add("snapshotLockingModeCustomName=" + snapshotLockingModeCustomName);
        }
        if (snapshotQueryMode != null) {
            fields.add("snapshotQueryMode=" + snapshotQueryMode);
        }
        if (snapshotQueryModeCustomName != null) {
            fields.add("snapshotQueryModeCustomName=" + snapshotQueryModeCustomName);
        }
        if (snapshotIncludeCollectionList != null) {
            fields.add("snapshotIncludeCollectionList=" + snapshotIncludeCollectionList);
        }
        if (snapshotLockTimeoutMs != null) {
            fields.add("snapshotLockTimeoutMs=" + snapshotLockTimeoutMs);
        }
        if (snapshotSelectStatementOverrides != null) {
            fields.add("snapshotSelectStatementOverrides=" + snapshotSelectStatementOverrides);
        }
        if (eventProcessingFailureHandlingMode != null) {
            fields.add("eventProcessingFailureHandlingMode=" + eventProcessingFailureHandlingMode);
        }
        if (maxBatchSize != null) {
            fields.add("maxBatchSize=" + maxBatchSize);
        }
        if (maxQueueSize != null) {
            fields.add("maxQueueSize=" + maxQueueSize);
        }
        if (maxQueueSizeInBytes != null) {
            fields.add("maxQueueSizeInBytes=" + maxQueueSizeInBytes);
        }
        if (pollIntervalMs != null) {
            fields.add("pollIntervalMs=" + pollIntervalMs);
        }
        if (includeUnknownDatatypes != null) {
            fields.add("includeUnknownDatatypes=" + includeUnknownDatatypes);
        }
        if (databaseInitialStatements != null) {
            fields.add("databaseInitialStatements=" + databaseInitialStatements);
        }
        if (statusUpdateIntervalMs != null) {
            fields.add("statusUpdateIntervalMs=" + statusUpdateIntervalMs);
        }
        if (heartbeatIntervalMs != null) {
            fields.add("heartbeatIntervalMs=" + heartbeatIntervalMs);
        }
        if (heartbeatActionQuery != null) {
            fields.add("heartbeatActionQuery=" + heartbeatActionQuery);
        }
        if (schemaRefreshMode != null) {
            fields.add("schemaRefreshMode=" + schemaRefreshMode);
        }
        if (snapshotDelayMs != null) {
            fields.add("snapshotDelayMs=" + snapshotDelayMs);
        }
        if (streamingDelayMs != null) {
            fields.add("streamingDelayMs=" + streamingDelayMs);
        }
        if (snapshotFetchSize != null) {
            fields.add("snapshotFetchSize=" + snapshotFetchSize);
        }
        if (slotStreamParams != null) {
            fields.add("slotStreamParams=" + slotStreamParams);
        }
        if (slotMaxRetries != null) {
            fields.add("slotMaxRetries=" + slotMaxRetries);
        }
        if (slotRetryDelayMs != null) {
            fields.add("slotRetryDelayMs=" + slotRetryDelayMs);
        }
        if (unavailableValuePlaceholder != null) {
            fields.add("unavailableValuePlaceholder=" + unavailableValuePlaceholder);
        }
        if (provideTransactionMetadata != null) {
            fields.add("provideTransactionMetadata=" + provideTransactionMetadata);
        }
        if (publishViaPartitionRoot != null) {
            fields.add("publishViaPartitionRoot=" + publishViaPartitionRoot);
        }
        if (flushLsnSource != null) {
            fields.add("flushLsnSource=" + flushLsnSource);
        }
        if (retriableRestartConnectorWaitMs != null) {
            fields.add("retriableRestartConnectorWaitMs=" + retriableRestartConnectorWaitMs);
        }
        if (skippedOperations != null) {
            fields.add("skippedOperations=" + skippedOperations);
        }
        if (signalDataCollection != null) {
            fields.add("signalDataCollection=" + signalDataCollection);
        }
        if (signalEnabledChannels != null) {
            fields.add("signalEnabledChannels=" + signalEnabledChannels);
        }
        if (notificationEnabledChannels != null) {
            fields.add("notificationEnabledChannels=" + notificationEnabledChannels);
        }
        if (incrementalSnapshotChunkSize != null) {
            fields.add("incrementalSnapshotChunkSize=" + incrementalSnapshotChunkSize);
        }
        if (incrementalSnapshotWatermarkingStrategy != null) {
            fields.add("incrementalSnapshotWatermarkingStrategy=" + incrementalSnapshotWatermarkingStrategy);
        }
        if (readOnly != null) {
            fields.add("readOnly=" + readOnly);
        }
        if (xminFetchIntervalMs != null) {
            fields.add("xminFetchIntervalMs=" + xminFetchIntervalMs);
        }
        if (topicNamingStrategy != null) {
            fields.add("topicNamingStrategy=" + topicNamingStrategy);
        }
        if (topicDelimiter != null) {
            fields.add("topicDelimiter=" + topicDelimiter);
        }
        if (topicCacheSize != null) {
            fields.add("topicCacheSize=" + topicCacheSize);
        }
        if (topicHeartbeatPrefix != null) {
            fields.add("topicHeartbeatPrefix=" + topicHeartbeatPrefix);
        }
        if (topicTransaction != null) {
            fields.add("topicTransaction=" + topicTransaction);
        }
        if (snapshotMaxThreads != null) {
            fields.add("snapshotMaxThreads=" + snapshotMaxThreads);
        }
        if (customMetricTags != null) {
            fields.add("customMetricTags=" + customMetricTags);
        }
        if (errorsMaxRetries != null) {
            fields.add("errorsMaxRetries=" + errorsMaxRetries);
        }
        if (databaseQueryTimeoutMs != null) {
            fields.add("databaseQueryTimeoutMs=" + databaseQueryTimeoutMs);
        }
        if (guardrailCollectionsMax != null) {
            fields.add("guardrailCollectionsMax=" + guardrailCollectionsMax);
        }
        if (guardrailCollectionsLimitAction != null) {
            fields.add("guardrailCollectionsLimitAction=" + guardrailCollectionsLimitAction);
        }
        if (extendedHeadersEnabled != null) {
            fields.add("extendedHeadersEnabled=" + extendedHeadersEnabled);
        }
        return fields.toString();
    }
}
