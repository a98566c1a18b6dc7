package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.debeziumEngineProperties}: Debezium engine settings (see the "engine properties" section of
 * Debezium's embedded engine documentation). Each field {@code myPropertyName} becomes the engine property {@code
 * my.property.name}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DebeziumEngineProperties {

    private String offsetCommitPolicy;
    private Integer offsetFlushIntervalMs;
    private Integer offsetFlushTimeoutMs;
    private Integer errorsMaxRetries;
    private Integer errorsRetryDelayInitialMs;
    private Integer errorsRetryDelayMaxMs;
    @DebeziumMap(DebeziumMap.Style.KEYS_THEN_PREFIXED_ENTRIES)
    private Map<String, Map<String, String>> transforms;
    @DebeziumMap(DebeziumMap.Style.KEYS_THEN_PREFIXED_ENTRIES)
    private Map<String, Map<String, String>> predicates;
    private Integer recordProcessingThreads;
    private Integer recordProcessingShutdownTimeoutMs;
    private String recordProcessingOrder;
    private Boolean recordProcessingWithSerialConsumer;
    private Integer taskManagementTimeoutMs;

    public String getOffsetCommitPolicy() {
        return offsetCommitPolicy;
    }

    public void setOffsetCommitPolicy(String offsetCommitPolicy) {
        this.offsetCommitPolicy = offsetCommitPolicy;
    }

    public Integer getOffsetFlushIntervalMs() {
        return offsetFlushIntervalMs;
    }

    public void setOffsetFlushIntervalMs(Integer offsetFlushIntervalMs) {
        this.offsetFlushIntervalMs = offsetFlushIntervalMs;
    }

    public Integer getOffsetFlushTimeoutMs() {
        return offsetFlushTimeoutMs;
    }

    public void setOffsetFlushTimeoutMs(Integer offsetFlushTimeoutMs) {
        this.offsetFlushTimeoutMs = offsetFlushTimeoutMs;
    }

    public Integer getErrorsMaxRetries() {
        return errorsMaxRetries;
    }

    public void setErrorsMaxRetries(Integer errorsMaxRetries) {
        this.errorsMaxRetries = errorsMaxRetries;
    }

    public Integer getErrorsRetryDelayInitialMs() {
        return errorsRetryDelayInitialMs;
    }

    public void setErrorsRetryDelayInitialMs(Integer errorsRetryDelayInitialMs) {
        this.errorsRetryDelayInitialMs = errorsRetryDelayInitialMs;
    }

    public Integer getErrorsRetryDelayMaxMs() {
        return errorsRetryDelayMaxMs;
    }

    public void setErrorsRetryDelayMaxMs(Integer errorsRetryDelayMaxMs) {
        this.errorsRetryDelayMaxMs = errorsRetryDelayMaxMs;
    }

    public Map<String, Map<String, String>> getTransforms() {
        return transforms;
    }

    public void setTransforms(Map<String, Map<String, String>> transforms) {
        this.transforms = transforms;
    }

    public Map<String, Map<String, String>> getPredicates() {
        return predicates;
    }

    public void setPredicates(Map<String, Map<String, String>> predicates) {
        this.predicates = predicates;
    }

    public Integer getRecordProcessingThreads() {
        return recordProcessingThreads;
    }

    public void setRecordProcessingThreads(Integer recordProcessingThreads) {
        this.recordProcessingThreads = recordProcessingThreads;
    }

    public Integer getRecordProcessingShutdownTimeoutMs() {
        return recordProcessingShutdownTimeoutMs;
    }

    public void setRecordProcessingShutdownTimeoutMs(Integer recordProcessingShutdownTimeoutMs) {
        this.recordProcessingShutdownTimeoutMs = recordProcessingShutdownTimeoutMs;
    }

    public String getRecordProcessingOrder() {
        return recordProcessingOrder;
    }

    public void setRecordProcessingOrder(String recordProcessingOrder) {
        this.recordProcessingOrder = recordProcessingOrder;
    }

    public Boolean getRecordProcessingWithSerialConsumer() {
        return recordProcessingWithSerialConsumer;
    }

    public void setRecordProcessingWithSerialConsumer(Boolean recordProcessingWithSerialConsumer) {
        this.recordProcessingWithSerialConsumer = recordProcessingWithSerialConsumer;
    }

    public Integer getTaskManagementTimeoutMs() {
        return taskManagementTimeoutMs;
    }

    public void setTaskManagementTimeoutMs(Integer taskManagementTimeoutMs) {
        this.taskManagementTimeoutMs = taskManagementTimeoutMs;
    }

    /**
     * The engine properties this section sets, e.g. {@code offsetFlushIntervalMs: 1000} gives
     * {@code offset.flush.interval.ms=1000} and {@code transforms: {router: {type: X}}} gives
     * {@code transforms=router} and {@code transforms.router.type=X}.
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
        DebeziumEngineProperties that = (DebeziumEngineProperties) o;
        return Objects.equals(offsetCommitPolicy, that.offsetCommitPolicy)
                && Objects.equals(offsetFlushIntervalMs, that.offsetFlushIntervalMs)
                && Objects.equals(offsetFlushTimeoutMs, that.offsetFlushTimeoutMs)
                && Objects.equals(errorsMaxRetries, that.errorsMaxRetries)
                && Objects.equals(errorsRetryDelayInitialMs, that.errorsRetryDelayInitialMs)
                && Objects.equals(errorsRetryDelayMaxMs, that.errorsRetryDelayMaxMs)
                && Objects.equals(transforms, that.transforms)
                && Objects.equals(predicates, that.predicates)
                && Objects.equals(recordProcessingThreads, that.recordProcessingThreads)
                && Objects.equals(recordProcessingShutdownTimeoutMs, that.recordProcessingShutdownTimeoutMs)
                && Objects.equals(recordProcessingOrder, that.recordProcessingOrder)
                && Objects.equals(recordProcessingWithSerialConsumer, that.recordProcessingWithSerialConsumer)
                && Objects.equals(taskManagementTimeoutMs, that.taskManagementTimeoutMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offsetCommitPolicy, offsetFlushIntervalMs, offsetFlushTimeoutMs, errorsMaxRetries,
                errorsRetryDelayInitialMs, errorsRetryDelayMaxMs, transforms, predicates, recordProcessingThreads,
                recordProcessingShutdownTimeoutMs, recordProcessingOrder, recordProcessingWithSerialConsumer,
                taskManagementTimeoutMs);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "DebeziumEngineProperties{", "}");
        if (offsetCommitPolicy != null) {
            fields.add("offsetCommitPolicy=" + offsetCommitPolicy);
        }
        if (offsetFlushIntervalMs != null) {
            fields.add("offsetFlushIntervalMs=" + offsetFlushIntervalMs);
        }
        if (offsetFlushTimeoutMs != null) {
            fields.add("offsetFlushTimeoutMs=" + offsetFlushTimeoutMs);
        }
        if (errorsMaxRetries != null) {
            fields.add("errorsMaxRetries=" + errorsMaxRetries);
        }
        if (errorsRetryDelayInitialMs != null) {
            fields.add("errorsRetryDelayInitialMs=" + errorsRetryDelayInitialMs);
        }
        if (errorsRetryDelayMaxMs != null) {
            fields.add("errorsRetryDelayMaxMs=" + errorsRetryDelayMaxMs);
        }
        if (transforms != null) {
            fields.add("transforms=" + transforms);
        }
        if (predicates != null) {
            fields.add("predicates=" + predicates);
        }
        if (recordProcessingThreads != null) {
            fields.add("recordProcessingThreads=" + recordProcessingThreads);
        }
        if (recordProcessingShutdownTimeoutMs != null) {
            fields.add("recordProcessingShutdownTimeoutMs=" + recordProcessingShutdownTimeoutMs);
        }
        if (recordProcessingOrder != null) {
            fields.add("recordProcessingOrder=" + recordProcessingOrder);
        }
        if (recordProcessingWithSerialConsumer != null) {
            fields.add("recordProcessingWithSerialConsumer=" + recordProcessingWithSerialConsumer);
        }
        if (taskManagementTimeoutMs != null) {
            fields.add("taskManagementTimeoutMs=" + taskManagementTimeoutMs);
        }
        return fields.toString();
    }
}
