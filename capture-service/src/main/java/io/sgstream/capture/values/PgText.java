package io.sgstream.capture.values;

import io.debezium.connector.postgresql.PostgresValueConverter;
import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;
import io.debezium.data.SpecialValueDecimal;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL's text form of the Java objects Debezium hands to a column converter. In streaming Debezium has
 * already parsed pgoutput's text into Java objects; in the snapshot it read them with JDBC ({@code getString} for
 * timestamps and times, {@code getObject} otherwise). Each shape is written back so that {@code CAST(text AS type)}
 * restores the source value: timestamps with microseconds and era, the infinities, bytea in hex, intervals field
 * by field, arrays in the literal the server sent.
 */
public final class PgText {

    private static final HexFormat HEX = HexFormat.of();

    private PgText() {
    }

    /** The text form of {@code raw}, {@link UnchangedToast#VALUE} for an unchanged TOAST marker, null for null. */
    public static String of(Object raw) {
        if (raw == null) {
            return null;
        }
        if (UnchangedToastedReplicationMessageColumn.isUnchangedToastedValue(raw)) {
            return UnchangedToast.VALUE;
        }
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return raw.toString();
        }
        if (raw instanceof Double d) {
            return floating(d);
        }
        if (raw instanceof Float f) {
            return floatingSingle(f);
        }
        if (raw instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (raw instanceof SpecialValueDecimal d) {
            return numeric(d);
        }
        if (raw instanceof byte[] bytes) {
            return "\\x" + HEX.formatHex(bytes);
        }
        if (raw instanceof PGInterval i) {
            return interval(i);
        }
        if (raw instanceof PGobject o) { // json, inet, ranges, geometric types (their getValue formats them)...
            return o.getValue();
        }
        if (raw instanceof Array) { // PgArray keeps the literal the server sent
            return raw.toString();
        }
        if (raw instanceof Instant i) {
            return timestamp(i);
        }
        if (raw instanceof OffsetDateTime t) {
            return timestamptz(t);
        }
        if (raw instanceof LocalDate d) {
            return date(d);
        }
        if (raw instanceof java.sql.Date d) {
            return sqlDate(d);
        }
        if (raw instanceof LocalDateTime t) {
            return timestamp(t.toInstant(ZoneOffset.UTC));
        }
        if (raw instanceof LocalTime t) {
            return time(t);
        }
        if (raw instanceof OffsetTime t) {
            return time(t.toLocalTime()) + offset(t.getOffset());
        }
        if (raw instanceof UUID u) {
            return u.toString();
        }
        if (raw instanceof SQLXML x) {
            try {
                return x.getString();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read an xml value: " + e.getMessage(), e);
            }
        }
        if (raw instanceof Map<?, ?> m) { // hstore read by JDBC in the snapshot
            return hstore(m);
        }
        return raw.toString();
    }

    static String floating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(d); // shortest text that parses back to the same double
    }

    static String floatingSingle(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return Float.toString(f);
    }

    static String numeric(SpecialValueDecimal d) {
        if (SpecialValueDecimal.NOT_A_NUMBER.equals(d)) {
            return "NaN";
        }
        if (SpecialValueDecimal.POSITIVE_INF.equals(d)) {
            return "Infinity";
        }
        if (SpecialValueDecimal.NEGATIVE_INF.equals(d)) {
            return "-Infinity";
        }
        return d.getDecimalValue().map(BigDecimal::toPlainString).orElseThrow();
    }

    /** A timestamp without time zone, which Debezium holds as an Instant at UTC. */
    static String timestamp(Instant i) {
        if (PostgresValueConverter.POSITIVE_INFINITY_INSTANT.equals(i)) {
            return "infinity";
        }
        if (PostgresValueConverter.NEGATIVE_INFINITY_INSTANT.equals(i)) {
            return "-infinity";
        }
        LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        return withEra(t.toLocalDate(), " " + time(t.toLocalTime()));
    }

    static String timestamptz(OffsetDateTime t) {
        if (PostgresValueConverter.POSITIVE_INFINITY_OFFSET_DATE_TIME.equals(t)) {
            return "infinity";
        }
        if (PostgresValueConverter.NEGATIVE_INFINITY_OFFSET_DATE_TIME.equals(t)) {
            return "-infinity";
        }
        return withEra(t.toLocalDate(), " " + time(t.toLocalTime()) + offset(t.getOffset()));
    }

    static String date(LocalDate d) {
        if (PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE.equals(d)) {
            return "infinity";
        }
        if (PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE.equals(d)) {
            return "-infinity";
        }
        return withEra(d, "");
    }

    /**
     * JDBC's date of the snapshot: the driver marks the infinities with sentinel milliseconds and builds other dates
     * with the JVM's (Julian/Gregorian) calendar, era included, so the same calendar reads the fields back.
     */
    static String sqlDate(java.sql.Date d) {
        if (d.getTime() == org.postgresql.PGStatement.DATE_POSITIVE_INFINITY) {
            return "infinity";
        }
        if (d.getTime() == org.postgresql.PGStatement.DATE_NEGATIVE_INFINITY) {
            return "-infinity";
        }
        java.util.GregorianCalendar calendar = new java.util.GregorianCalendar();
        calendar.setTime(d);
        int yearOfEra = calendar.get(java.util.Calendar.YEAR);
        boolean bc = calendar.get(java.util.Calendar.ERA) == java.util.GregorianCalendar.BC;
        LocalDate fields = LocalDate.of(bc ? 1 - yearOfEra : yearOfEra, calendar.get(java.util.Calendar.MONTH) + 1,
                calendar.get(java.util.Calendar.DAY_OF_MONTH));
        return withEra(fields, "");
    }

    /** {@code yyyy-MM-dd<rest>}, with PostgreSQL's {@code BC} suffix for years before 1 (ISO year 0 is 1 BC). */
    private static String withEra(LocalDate d, String rest) {
        int year = d.getYear();
        boolean bc = year <= 0;
        StringBuilder sb = new StringBuilder(32);
        pad(sb, bc ? 1 - year : year, 4);
        sb.append('-');
        pad(sb, d.getMonthValue(), 2);
        sb.append('-');
        pad(sb, d.getDayOfMonth(), 2);
        sb.append(rest);
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String time(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            // trailing zeros trimmed by hand: String.format was most of this method's cost (every timestamp)
            int digits = 6;
            while (micros % 10 == 0) {
                micros /= 10;
                digits--;
            }
            pad(sb.append('.'), micros, digits);
        }
        return sb.toString();
    }

    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        StringBuilder sb = new StringBuilder(9).append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        pad(sb, total / 3600, 2);
        if (total % 3600 != 0) {
            sb.append(':');
            pad(sb, total % 3600 / 60, 2);
            if (total % 60 != 0) {
                sb.append(':');
                pad(sb, total % 60, 2);
            }
        }
        return sb.toString();
    }

    /** Field by field, seconds from whole seconds and microseconds (PGInterval's own text rounds through double). */
    static String interval(PGInterval i) {
        long micros = (long) i.getWholeSeconds() * 1_000_000L + i.getMicroSeconds();
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        StringBuilder fraction = new StringBuilder(6);
        pad(fraction, (int) (abs % 1_000_000L), 6);
        String seconds = sign + abs / 1_000_000L + "." + fraction;
        return i.getYears() + " years " + i.getMonths() + " mons " + i.getDays() + " days " + i.getHours() + " hours "
                + i.getMinutes() + " mins " + seconds + " secs";
    }

    /** hstore's input syntax; the server orders the pairs itself, so the map's order does not matter. */
    static String hstore(Map<?, ?> map) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            quoted(sb, String.valueOf(e.getKey()));
            sb.append("=>");
            if (e.getValue() == null) {
                sb.append("NULL");
            } else {
                quoted(sb, String.valueOf(e.getValue()));
            }
        }
        return sb.toString();
    }

    private static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int k = s.length(); k < width; k++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
