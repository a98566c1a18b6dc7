package io.sgstream.event;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an event too large for the Broker into numbered parts and joins them again. Intermediaries only promise
 * 64 KiB per event, while a row with TOASTed values can weigh megabytes.
 */
public final class EventParts {

    /** Data bytes per event above which an event is split: 64 KiB less room for attributes. */
    public static final int DEFAULT_MAX_DATA_BYTES = 64_000;

    private static final String PART_CONTENT = "application/octet-stream";

    private EventParts() {
    }

    public static boolean isPart(CloudEvent e) {
        return e.getExtension(EventAttributes.PART_OF) != null;
    }

    /** The event itself if its data fits, else its parts (same attributes, id {@code <id>#<i>}). */
    public static List<CloudEvent> split(CloudEvent event, int maxDataBytes) {
        byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
        if (data.length <= maxDataBytes) {
            return List.of(event);
        }
        int count = (data.length + maxDataBytes - 1) / maxDataBytes;
        List<CloudEvent> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] slice = Arrays.copyOfRange(data, i * maxDataBytes, Math.min(data.length, (i + 1) * maxDataBytes));
            parts.add(CloudEventBuilder.from(event)
                    .withId(event.getId() + "#" + (i + 1))
                    .withExtension(EventAttributes.PART_OF, event.getId())
                    .withExtension(EventAttributes.PART_INDEX, Integer.toString(i + 1))
                    .withExtension(EventAttributes.PART_COUNT, Integer.toString(count))
                    .withData(PART_CONTENT, slice)
                    .build());
        }
        return parts;
    }

    /** The number of parts the whole event has (1 for an event that was not split). */
    public static int partCount(CloudEvent e) {
        return isPart(e) ? intAttribute(e, EventAttributes.PART_COUNT) : 1;
    }

    /** The id of the whole event this event belongs to (its own id if it was not split). */
    public static String wholeId(CloudEvent e) {
        return isPart(e) ? e.getExtension(EventAttributes.PART_OF).toString() : e.getId();
    }

    /**
     * Joins all parts of one event (any order) into the original event.
     *
     * @throws MalformedEventException if parts are missing, repeated with other content, or belong to other events
     */
    public static CloudEvent join(List<CloudEvent> parts) {
        if (parts.isEmpty()) {
            throw new MalformedEventException("no parts to join");
        }
        CloudEvent first = parts.get(0);
        if (!isPart(first)) {
            if (parts.size() != 1) {
                throw new MalformedEventException("event " + first.getId() + " is not split but was given " + parts.size() + " times");
            }
            return first;
        }
        String whole = wholeId(first);
        int count = partCount(first);
        CloudEvent[] ordered = new CloudEvent[count];
        for (CloudEvent p : parts) {
            if (!whole.equals(wholeId(p)) || partCount(p) != count) {
                throw new MalformedEventException("part " + p.getId() + " does not belong to " + whole + " of " + count + " parts");
            }
            int index = intAttribute(p, EventAttributes.PART_INDEX);
            if (index < 1 || index > count) {
                throw new MalformedEventException("part index " + index + " out of 1.." + count);
            }
            ordered[index - 1] = p; // duplicates of a part are identical: keeping the last is fine
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            if (ordered[i] == null) {
                throw new MalformedEventException("part " + (i + 1) + " of " + count + " of " + whole + " is missing");
            }
            data.writeBytes(ordered[i].getData().toBytes());
        }
        CloudEventBuilder b = CloudEventBuilder.from(first).withId(whole)
                .withoutExtension(EventAttributes.PART_OF)
                .withoutExtension(EventAttributes.PART_INDEX)
                .withoutExtension(EventAttributes.PART_COUNT)
                .withData("application/json", data.toByteArray());
        return b.build();
    }

    private static int intAttribute(CloudEvent e, String name) {
        Object v = e.getExtension(name);
        try {
            return Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException ex) {
            throw new MalformedEventException("extension attribute '" + name + "' must be a number, was '" + v + "'");
        }
    }
}
