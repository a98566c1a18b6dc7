package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One entry of {@code status.conditions}: {@code Running}, {@code Failed} or {@code Completed}, with status {@code
 * True}, {@code False} or {@code Unknown}, like StackGres. The constants name the values StackGres uses.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class StreamCondition {

    private String type;
    private String status;
    private String reason;
    private String message;
    private String lastTransitionTime;

    /** {@value #RUNNING}, {@value #FAILED} or {@value #COMPLETED}. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** {@value #TRUE}, {@value #FALSE} or {@value #UNKNOWN}. */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    /** Machine-readable reason of the last transition, e.g. {@value #REASON_RUNNING}. */
    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** Human-readable details of the last transition. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    /** When the status last changed, RFC 3339 (e.g. 2024-05-01T10:00:00Z). */
    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public static final String RUNNING = "Running";
    public static final String FAILED = "Failed";
    public static final String COMPLETED = "Completed";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    public static final String REASON_RUNNING = "OperationRunning";
    public static final String REASON_NOT_RUNNING = "OperationNotRunning";
    public static final String REASON_FAILED = "OperationFailed";
    public static final String REASON_NOT_FAILED = "OperationNotFailed";
    public static final String REASON_TIMED_OUT = "OperationTimedOut";
    public static final String REASON_LOCK_LOST = "OperationLockLost";
    public static final String REASON_COMPLETED = "OperationCompleted";
    public static final String REASON_NOT_COMPLETED = "OperationNotCompleted";

    /** A condition with the given fields. */
    public static StreamCondition of(String type, String status, String reason, String message,
            String lastTransitionTime) {
        StreamCondition condition = new StreamCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setLastTransitionTime(lastTransitionTime);
        return condition;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        StreamCondition that = (StreamCondition) o;
        return Objects.equals(type, that.type)
                && Objects.equals(status, that.status)
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message)
                && Objects.equals(lastTransitionTime, that.lastTransitionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "StreamCondition{", "}");
        if (type != null) {
            fields.add("type=" + type);
        }
        if (status != null) {
            fields.add("status=" + status);
        }
        if (reason != null) {
            fields.add("reason=" + reason);
        }
        if (message != null) {
            fields.add("message=" + message);
        }
        if (lastTransitionTime != null) {
            fields.add("lastTransitionTime=" + lastTransitionTime);
        }
        return fields.toString();
    }
}
