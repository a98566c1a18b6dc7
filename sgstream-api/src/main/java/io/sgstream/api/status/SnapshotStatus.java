package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code status.snapshot}: progress of the initial (or incremental) snapshot, named after Debezium's snapshot
 * metrics.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class SnapshotStatus extends CaptureMetricsStatus {

    private Integer totalTableCount;
    private Integer remainingTableCount;
    private Boolean snapshotRunning;
    private Boolean snapshotPaused;
    private Boolean snapshotAborted;
    private Boolean snapshotCompleted;
    private Long snapshotDurationInSeconds;
    private Long snapshotPausedDurationInSeconds;
    private Map<String, Long> rowsScanned;
    private String chunkId;
    private String chunkFrom;
    private String chunkTo;
    private String tableFrom;
    private String tableTo;

    public Integer getTotalTableCount() {
        return totalTableCount;
    }

    public void setTotalTableCount(Integer totalTableCount) {
        this.totalTableCount = totalTableCount;
    }

    public Integer getRemainingTableCount() {
        return remainingTableCount;
    }

    public void setRemainingTableCount(Integer remainingTableCount) {
        this.remainingTableCount = remainingTableCount;
    }

    public Boolean getSnapshotRunning() {
        return snapshotRunning;
    }

    public void setSnapshotRunning(Boolean snapshotRunning) {
        this.snapshotRunning = snapshotRunning;
    }

    public Boolean getSnapshotPaused() {
        return snapshotPaused;
    }

    public void setSnapshotPaused(Boolean snapshotPaused) {
        this.snapshotPaused = snapshotPaused;
    }

    public Boolean getSnapshotAborted() {
        return snapshotAborted;
    }

    public void setSnapshotAborted(Boolean snapshotAborted) {
        this.snapshotAborted = snapshotAborted;
    }

    public Boolean getSnapshotCompleted() {
        return snapshotCompleted;
    }

    public void setSnapshotCompleted(Boolean snapshotCompleted) {
        this.snapshotCompleted = snapshotCompleted;
    }

    public Long getSnapshotDurationInSeconds() {
        return snapshotDurationInSeconds;
    }

    public void setSnapshotDurationInSeconds(Long snapshotDurationInSeconds) {
        this.snapshotDurationInSeconds = snapshotDurationInSeconds;
    }

    public Long getSnapshotPausedDurationInSeconds() {
        return snapshotPausedDurationInSeconds;
    }

    public void setSnapshotPausedDurationInSeconds(Long snapshotPausedDurationInSeconds) {
        this.snapshotPausedDurationInSeconds = snapshotPausedDurationInSeconds;
    }

    public Map<String, Long> getRowsScanned() {
        return rowsScanned;
    }

    public void setRowsScanned(Map<String, Long> rowsScanned) {
        this.rowsScanned = rowsScanned;
    }

    public String getChunkId() {
        return chunkId;
    }

    public void setChunkId(String chunkId) {
        this.chunkId = chunkId;
    }

    public String getChunkFrom() {
        return chunkFrom;
    }

    public void setChunkFrom(String chunkFrom) {
        this.chunkFrom = chunkFrom;
    }

    public String getChunkTo() {
        return chunkTo;
    }

    public void setChunkTo(String chunkTo) {
        this.chunkTo = chunkTo;
    }

    public String getTableFrom() {
        return tableFrom;
    }

    public void setTableFrom(String tableFrom) {
        this.tableFrom = tableFrom;
    }

    public String getTableTo() {
        return tableTo;
    }

    public void setTableTo(String tableTo) {
        this.tableTo = tableTo;
    }

    @Override
    protected void addFields(Map<String, Object> fields) {
        fields.put("totalTableCount", totalTableCount);
        fields.put("remainingTableCount", remainingTableCount);
        fields.put("snapshotRunning", snapshotRunning);
        fields.put("snapshotPaused", snapshotPaused);
        fields.put("snapshotAborted", snapshotAborted);
        fields.put("snapshotCompleted", snapshotCompleted);
        fields.put("snapshotDurationInSeconds", snapshotDurationInSeconds);
        fields.put("snapshotPausedDurationInSeconds", snapshotPausedDurationInSeconds);
        fields.put("rowsScanned", rowsScanned);
        fields.put("chunkId", chunkId);
        fields.put("chunkFrom", chunkFrom);
        fields.put("chunkTo", chunkTo);
        fields.put("tableFrom", tableFrom);
        fields.put("tableTo", tableTo);
    }
}
