package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.cloudEvent}: deliver every change as a CloudEvent to an HTTP endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetCloudEvent {

    private String format;
    private String binding;
    private CloudEventHttp http;

    /** Event format; only {@value #FORMAT_JSON} (the default). */
    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    /** Transport binding; only {@value #BINDING_HTTP} (the default). */
    public String getBinding() {
        return binding;
    }

    public void setBinding(String binding) {
        this.binding = binding;
    }

    /** The HTTP endpoint and delivery settings; {@code http.url} is required. */
    public CloudEventHttp getHttp() {
        return http;
    }

    public void setHttp(CloudEventHttp http) {
        this.http = http;
    }

    public static final String FORMAT_JSON = "json";
    public static final String BINDING_HTTP = "http";

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TargetCloudEvent that = (TargetCloudEvent) o;
        return Objects.equals(format, that.format)
                && Objects.equals(binding, that.binding)
                && Objects.equals(http, that.http);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, binding, http);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "TargetCloudEvent{", "}");
        if (format != null) {
            fields.add("format=" + format);
        }
        if (binding != null) {
            fields.add("binding=" + binding);
        }
        if (http != null) {
            fields.add("http=" + http);
        }
        return fields.toString();
    }
}
