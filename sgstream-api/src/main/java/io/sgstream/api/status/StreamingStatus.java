package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code status.streaming}: progress of streaming from the replication slot, named after Debezium's streaming
 * metrics.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class StreamingStatus extends CaptureMetricsStatus {

    private Long totalNumberOfCreateEventsSeen;
    private Long totalNumberOfUpdateEventsSeen;
    private Long totalNumberOfDeleteEventsSeen;
    private Boolean connected;
    private Long milliSecondsBehindSource;
    private Long numberOfCommittedTransactions;
    private Map<String, String> sourceEventPosition;
    private String lastTransactionId;

    public Long getTotalNumberOfCreateEventsSeen() {
        return totalNumberOfCreateEventsSeen;
    }

    public void setTotalNumberOfCreateEventsSeen(Long totalNumberOfCreateEventsSeen) {
        this.totalNumberOfCreateEventsSeen = totalNumberOfCreateEventsSeen;
    }

    public Long getTotalNumberOfUpdateEventsSeen() {
        return totalNumberOfUpdateEventsSeen;
    }

    public void setTotalNumberOfUpdateEventsSeen(Long totalNumberOfUpdateEventsSeen) {
        this.totalNumberOfUpdateEventsSeen = totalNumberOfUpdateEventsSeen;
    }

    public Long getTotalNumberOfDeleteEventsSeen() {
        return totalNumberOfDeleteEventsSeen;
    }

    public void setTotalNumberOfDeleteEventsSeen(Long totalNumberOfDeleteEventsSeen) {
        this.totalNumberOfDeleteEventsSeen = totalNumberOfDeleteEventsSeen;
    }

    public Boolean getConnected() {
        return connected;
    }

    public void setConnected(Boolean connected) {
        this.connected = connected;
    }

    public Long getMilliSecondsBehindSource() {
        return milliSecondsBehindSource;
    }

    public void setMilliSecondsBehindSource(Long milliSecondsBehindSource) {
        this.milliSecondsBehindSource = milliSecondsBehindSource;
    }

    public Long getNumberOfCommittedTransactions() {
        return numberOfCommittedTransactions;
    }

    public void setNumberOfCommittedTransactions(Long numberOfCommittedTransactions) {
        this.numberOfCommittedTransactions = numberOfCommittedTransactions;
    }

    public Map<String, String> getSourceEventPosition() {
        return sourceEventPosition;
    }

    public void setSourceEventPosition(Map<String, String> sourceEventPosition) {
        this.sourceEventPosition = sourceEventPosition;
    }

    public String getLastTransactionId() {
        return lastTransactionId;
    }

    public void setLastTransactionId(String lastTransactionId) {
        this.lastTransactionId = lastTransactionId;
    }

    @Override
    protected void addFields(Map<String, Object> fields) {
        fields.put("totalNumberOfCreateEventsSeen", totalNumberOfCreateEventsSeen);
        fields.put("totalNumberOfUpdateEventsSeen", totalNumberOfUpdateEventsSeen);
        fields.put("totalNumberOfDeleteEventsSeen", totalNumberOfDeleteEventsSeen);
        fields.put("connected", connected);
        fields.put("milliSecondsBehindSource", milliSecondsBehindSource);
        fields.put("numberOfCommittedTransactions", numberOfCommittedTransactions);
        fields.put("sourceEventPosition", sourceEventPosition);
        fields.put("lastTransactionId", lastTransactionId);
    }
}
