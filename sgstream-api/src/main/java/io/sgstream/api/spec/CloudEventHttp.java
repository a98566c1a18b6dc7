package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * HTTP delivery settings of a CloudEvent or PgLambda target ({@code cloudEvent.http}, {@code
 * pgLambda.knative.http}). Timeouts are ISO-8601 durations such as {@code PT5S}; unset or zero means no timeout.
 * {@link #toString()} prints header names only, since header values often carry credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudEventHttp {

    private String url;
    private Map<String, String> headers;
    private String connectTimeout;
    private String readTimeout;
    private Integer retryLimit;
    private Integer retryBackoffDelay;
    private Boolean skipHostnameVerification;

    /** The endpoint URL; required for a CloudEvent target, defaults to the PgLambda service for a PgLambda target. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** Extra HTTP headers sent with every event. */
    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    /** Connection timeout, ISO-8601 duration (e.g. PT5S). */
    public String getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Read timeout, ISO-8601 duration (e.g. PT30S): the longest wait for a response before the attempt is retried.
     * Unset means the consumer's default (the capture's sink: PT30S); PT0S means no timeout.
     */
    public String getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(String readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** Retries before the stream fails; unset retries forever. */
    public Integer getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(Integer retryLimit) {
        this.retryLimit = retryLimit;
    }

    /** Maximum backoff between retries in seconds; {@value #DEFAULT_RETRY_BACKOFF_DELAY_SECONDS} when unset. */
    public Integer getRetryBackoffDelay() {
        return retryBackoffDelay;
    }

    public void setRetryBackoffDelay(Integer retryBackoffDelay) {
        this.retryBackoffDelay = retryBackoffDelay;
    }

    /** Skip TLS hostname verification of the endpoint. */
    public Boolean getSkipHostnameVerification() {
        return skipHostnameVerification;
    }

    public void setSkipHostnameVerification(Boolean skipHostnameVerification) {
        this.skipHostnameVerification = skipHostnameVerification;
    }

    public static final int DEFAULT_RETRY_BACKOFF_DELAY_SECONDS = 60;

    /**
     * {@code connectTimeout} as a duration; empty when unset or zero (no timeout).
     *
     * @throws java.time.format.DateTimeParseException when it is not ISO-8601 (validation reports that first)
     */
    public Optional<Duration> connectTimeoutDuration() {
        return positiveDuration(connectTimeout);
    }

    /** {@code readTimeout} as a duration; empty when unset or zero (no timeout). */
    public Optional<Duration> readTimeoutDuration() {
        return positiveDuration(readTimeout);
    }

    /** The maximum backoff between retries, in seconds. */
    public int retryBackoffDelayOrDefault() {
        return retryBackoffDelay != null ? retryBackoffDelay : DEFAULT_RETRY_BACKOFF_DELAY_SECONDS;
    }

    private static Optional<Duration> positiveDuration(String iso) {
        return Optional.ofNullable(iso).map(Duration::parse).filter(d -> !d.isZero() && !d.isNegative());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        CloudEventHttp that = (CloudEventHttp) o;
        return Objects.equals(url, that.url)
                && Objects.equals(headers, that.headers)
                && Objects.equals(connectTimeout, that.connectTimeout)
                && Objects.equals(readTimeout, that.readTimeout)
                && Objects.equals(retryLimit, that.retryLimit)
                && Objects.equals(retryBackoffDelay, that.retryBackoffDelay)
                && Objects.equals(skipHostnameVerification, that.skipHostnameVerification);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, headers, connectTimeout, readTimeout, retryLimit, retryBackoffDelay,
                skipHostnameVerification);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "CloudEventHttp{", "}");
        if (url != null) {
            fields.add("url=" + url);
        }
        if (headers != null) {
            // values may carry credentials (e.g. an Authorization header): names only
            fields.add("headers=" + headers.keySet() + " (values redacted)");
        }
        if (connectTimeout != null) {
            fields.add("connectTimeout=" + connectTimeout);
        }
        if (readTimeout != null) {
            fields.add("readTimeout=" + readTimeout);
        }
        if (retryLimit != null) {
            fields.add("retryLimit=" + retryLimit);
        }
        if (retryBackoffDelay != null) {
            fields.add("retryBackoffDelay=" + retryBackoffDelay);
        }
        if (skipHostnameVerification != null) {
            fields.add("skipHostnameVerification=" + skipHostnameVerification);
        }
        return fields.toString();
    }
}
