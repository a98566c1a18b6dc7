package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads CloudEvent attributes the way Knative's broker filter sees them, so the exact/prefix/suffix/attributes
 * dialects compare the same strings here as in a cluster (knative/eventing pkg/eventfilter/attributes/filter.go,
 * {@code LookupAttribute}).
 */
public final class EventAttributes {

    /** Go's {@code time.RFC3339Nano}: seconds always printed, trailing fraction zeros trimmed, {@code Z} for UTC. */
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    /** What Go prints for an unset {@code time} (its zero value): Knative's lookup reports that, not "absent". */
    static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private EventAttributes() {
    }

    /**
     * The attribute's value as a string, or empty when the event does not carry it. As in Knative, the optional
     * context attributes {@code subject}, {@code dataschema} and {@code datacontenttype} are always "present"
     * (empty string when unset) and an unset {@code time} reads as Go's zero time; only extensions can be absent.
     */
    public static Optional<String> lookup(CloudEvent event, String name) {
        switch (name) {
            case "specversion":
                return Optional.of(event.getSpecVersion().toString());
            case "type":
                return Optional.of(event.getType());
            case "source":
                return Optional.of(event.getSource().toString());
            case "id":
                return Optional.of(event.getId());
            case "subject":
                return Optional.of(nullToEmpty(event.getSubject()));
            case "time":
                return Optional.of(event.getTime() == null ? GO_ZERO_TIME : formatTime(event.getTime()));
            case "dataschema":
            case "schemaurl":
                return Optional.of(event.getDataSchema() == null ? "" : event.getDataSchema().toString());
            case "datacontenttype":
                return Optional.of(nullToEmpty(event.getDataContentType()));
            case "datamediatype":
                return Optional.of(mediaType(event.getDataContentType()));
            case "datacontentencoding":
                return Optional.of("");
            default:
                Object value = event.getExtension(name);
                return value == null ? Optional.empty() : Optional.of(canonicalString(value));
        }
    }

    /** A timestamp as Go's {@code time.RFC3339Nano} formats it (what the Go SDK and Knative compare against). */
    public static String formatTime(OffsetDateTime time) {
        int year = time.getYear();
        if (time.getOffset().getTotalSeconds() != 0 || year < 0 || year > 9999) {
            return RFC3339_NANO.format(time);
        }
        // UTC, the broker's own arrival stamp on every event: written by hand, the formatter was a visible
        // share of the broker's CPU. Same text: fraction without trailing zeros, none at all when zero, 'Z'.
        StringBuilder sb = new StringBuilder(30);
        pad(sb, year, 4).append('-');
        pad(sb, time.getMonthValue(), 2).append('-');
        pad(sb, time.getDayOfMonth(), 2).append('T');
        pad(sb, time.getHour(), 2).append(':');
        pad(sb, time.getMinute(), 2).append(':');
        pad(sb, time.getSecond(), 2);
        return fractionAndZone(sb, time.getNano());
    }

    /**
     * {@link #formatTime(OffsetDateTime)} of an instant in UTC: the broker's arrival stamp on every event. The text
     * up to the seconds is kept for the current second, so most events only format their fraction.
     */
    public static String formatTime(Instant instant) {
        long second = instant.getEpochSecond();
        SecondText cached = lastSecond;
        if (cached == null || cached.epochSecond != second) {
            OffsetDateTime whole = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC);
            String text = formatTime(whole);
            if (!text.endsWith("Z") || text.length() != 20) {
                return formatTime(instant.atOffset(ZoneOffset.UTC)); // a year outside 0000-9999
            }
            cached = new SecondText(second, text.substring(0, 19));
            lastSecond = cached;
        }
        StringBuilder sb = new StringBuilder(30).append(cached.text);
        return fractionAndZone(sb, instant.getNano());
    }

    /** Appends the fraction without trailing zeros (none when zero) and {@code Z}, and returns the text. */
    private static String fractionAndZone(StringBuilder sb, int nanos) {
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            pad(sb.append('.'), nanos, digits);
        }
        return sb.append('Z').toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of one epoch second; replaced whole, so readers never see a torn pair. */
    private record SecondText(long epochSecond, String text) {
    }

    private static volatile SecondText lastSecond;

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    /**
     * The canonical string form of an attribute value, i.e. what it becomes in an HTTP binary-mode header
     * (CloudEvents type system: Integer and Boolean in decimal/lowercase, Binary in base64, Timestamp in RFC 3339).
     */
    public static String canonicalString(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof OffsetDateTime) {
            return formatTime((OffsetDateTime) value);
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof URI) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
