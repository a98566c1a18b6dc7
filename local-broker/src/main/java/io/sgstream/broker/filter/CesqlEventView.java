package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Presents an event to the Java CESQL evaluator the way Knative's Go evaluator sees it. The only difference that
 * matters is {@code time}: the Java evaluator would stringify it with {@code OffsetDateTime.toString()} (which drops
 * zero seconds), Go with RFC 3339 nano, so {@code time LIKE '2024-01-01T00:00:00%'} must see the Go form.
 */
final class CesqlEventView implements CloudEvent {

    private final CloudEvent event;

    CesqlEventView(CloudEvent event) {
        this.event = event;
    }

    @Override
    public Object getAttribute(String name) {
        if ("time".equals(name)) {
            OffsetDateTime time = event.getTime();
            return time == null ? null : EventAttributes.formatTime(time);
        }
        return event.getAttribute(name);
    }

    @Override
    public CloudEventData getData() {
        return event.getData();
    }

    @Override
    public SpecVersion getSpecVersion() {
        return event.getSpecVersion();
    }

    @Override
    public String getId() {
        return event.getId();
    }

    @Override
    public String getType() {
        return event.getType();
    }

    @Override
    public URI getSource() {
        return event.getSource();
    }

    @Override
    public String getDataContentType() {
        return event.getDataContentType();
    }

    @Override
    public URI getDataSchema() {
        return event.getDataSchema();
    }

    @Override
    public String getSubject() {
        return event.getSubject();
    }

    @Override
    public OffsetDateTime getTime() {
        return event.getTime();
    }

    @Override
    public Object getExtension(String name) {
        return event.getExtension(name);
    }

    @Override
    public Set<String> getExtensionNames() {
        return event.getExtensionNames();
    }
}
