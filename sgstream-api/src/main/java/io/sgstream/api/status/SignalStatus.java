package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One entry of {@code status.signals} (not in StackGres, which keeps this on the stream's volume): the annotation
 * value of signal {@code debezium-signal.stackgres.io/<signal>} that was last acted on, so that a value is acted on
 * once however often the stream is seen again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class SignalStatus {

    private String requestId;
    private String rejected;

    /** Id of the signal request for the value acted on: {@code <signal>-<SHA-256 of the value, 32 hex digits>}. */
    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    /** Why that value was not sent to the stream (e.g. {@code command} without an SGCluster target); unset when sent. */
    public String getRejected() {
        return rejected;
    }

    public void setRejected(String rejected) {
        this.rejected = rejected;
    }

    /** A signal status with the given fields. */
    public static SignalStatus of(String requestId, String rejected) {
        SignalStatus status = new SignalStatus();
        status.setRequestId(requestId);
        status.setRejected(rejected);
        return status;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SignalStatus that = (SignalStatus) o;
        return Objects.equals(requestId, that.requestId) && Objects.equals(rejected, that.rejected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, rejected);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SignalStatus{", "}");
        if (requestId != null) {
            fields.add("requestId=" + requestId);
        }
        if (rejected != null) {
            fields.add("rejected=" + rejected);
        }
        return fields.toString();
    }
}
