package io.sgstream.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.Column;
import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every built-in type, captured through Debezium in the snapshot and in streaming, cast back in PostgreSQL
 * ({@code CAST(PgValues.toText(v) AS <column type>)::text}) and compared with the source's {@code ::text}: equal,
 * every column in both phases (timetz keeps its zone offset while streaming since Debezium 3.7's connector).
 */
class ValueExactnessTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    /** Column name, type, two interesting values (SQL literals); a third row is all NULL. */
    record TypeCase(String column, String type, String typical, String edge) {
    }

    static final List<TypeCase> CASES = List.of(
            new TypeCase("c_bool", "boolean", "true", "false"),
            new TypeCase("c_int2", "smallint", "-32768", "32767"),
            new TypeCase("c_int4", "integer", "2147483647", "-2147483648"),
            new TypeCase("c_int8", "bigint", "9223372036854775807", "-9223372036854775808"),
            new TypeCase("c_oid", "oid", "4294967295", "0"),
            new TypeCase("c_float4", "real", "3.4028235e38", "'NaN'"),
            new TypeCase("c_float4b", "real", "1.1", "'-Infinity'"),
            new TypeCase("c_float8", "double precision", "0.1", "'Infinity'"),
            new TypeCase("c_float8b", "double precision", "-1.7976931348623157e308", "'-0'"),
            new TypeCase("c_float8c", "double precision", "5e-324", "123456789.125"),
            new TypeCase("c_numeric", "numeric", "'123456789012345678901234567890.123456789'", "'NaN'"),
            new TypeCase("c_numeric_inf", "numeric", "'Infinity'", "'-Infinity'"),
            new TypeCase("c_numeric_scale", "numeric(10,2)", "'12.30'", "'-0.01'"),
            new TypeCase("c_money", "money", "'1234567.89'", "'-92233720368547758.08'"),
            new TypeCase("c_char", "character(5)", "'ab'", "''"),
            new TypeCase("c_varchar", "character varying(10)", "'héllo'", "''"),
            new TypeCase("c_text", "text", "'quote\" back\\slash '' comma, {brace} newline\n tab\t'", "'ünïcødé ✓ 😀'"),
            new TypeCase("c_qchar", "\"char\"", "'x'", "'\"'"),
            new TypeCase("c_name", "name", "'a_name'", "'Mixed Case'"),
            new TypeCase("c_bytea", "bytea", "'\\x00ff10'::bytea", "''::bytea"),
            new TypeCase("c_date", "date", "'2024-02-29'", "'infinity'"),
            new TypeCase("c_date_bc", "date", "'0044-03-15 BC'", "'-infinity'"),
            new TypeCase("c_date_far", "date", "'9999-12-31'", "'0001-01-01'"),
            new TypeCase("c_time", "time without time zone", "'13:45:56.123456'", "'24:00:00'"),
            new TypeCase("c_time3", "time(3) without time zone", "'00:00:00.5'", "'23:59:59.999'"),
            new TypeCase("c_timetz", "time with time zone", "'13:45:56.789+00'", "'00:00:00-12'"),
            new TypeCase("c_timetz_offset", "time with time zone", "'10:00:00+05:30'", "'23:59:59.999999-03'"),
            new TypeCase("c_timetz_bounds", "time with time zone", "'24:00:00-15:59'", "'00:00:00+15:59'"),
            new TypeCase("c_ts", "timestamp without time zone", "'2024-02-29 13:45:56.123456'", "'infinity'"),
            new TypeCase("c_ts_edge", "timestamp without time zone", "'0044-03-15 12:00:00 BC'", "'-infinity'"),
            new TypeCase("c_ts0", "timestamp(0) without time zone", "'1999-12-31 23:59:59'", "'1970-01-01 00:00:00'"),
            new TypeCase("c_tstz", "timestamp with time zone", "'2024-02-29 13:45:56.123456+05:30'", "'infinity'"),
            new TypeCase("c_tstz_edge", "timestamp with time zone", "'1900-01-01 00:00:00.000001+00'", "'-infinity'"),
            new TypeCase("c_interval", "interval", "'1 year 2 mons -3 days 04:05:06.789012'", "'-1 days +00:00:00.000001'"),
            new TypeCase("c_interval2", "interval", "'178000000 years'", "'00:00:00'"),
            new TypeCase("c_json", "json", "'{\"b\": 1,  \"a\": [true, null, 1.50]}'", "'\"just a string\"'"),
            new TypeCase("c_jsonb", "jsonb", "'{\"b\": 1, \"a\": [true, null, 1.50], \"u\": \"\\u00e9\"}'", "'[]'"),
            new TypeCase("c_xml", "xml", "'<a x=\"1\">text &amp; more</a>'", "'plain'"),
            new TypeCase("c_uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'"),
            new TypeCase("c_inet", "inet", "'192.168.0.1/24'", "'::1'"),
            new TypeCase("c_cidr", "cidr", "'10.0.0.0/8'", "'2001:db8::/32'"),
            new TypeCase("c_macaddr", "macaddr", "'08:00:2b:01:02:03'", "'ff:ff:ff:ff:ff:ff'"),
            new TypeCase("c_macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'", "'00:00:00:00:00:00:00:00'"),
            new TypeCase("c_bit", "bit(4)", "B'1010'", "B'0000'"),
            new TypeCase("c_varbit", "bit varying(16)", "B'101'", "B''"),
            new TypeCase("c_point", "point", "'(1.5,-2.25)'", "'(1e+300,-1e-300)'"),
            new TypeCase("c_line", "line", "'{1,-1,0}'", "'{0.5,2,3.25}'"),
            new TypeCase("c_lseg", "lseg", "'[(0,0),(1,1)]'", "'[(1.5,2.5),(-3,4)]'"),
            new TypeCase("c_box", "box", "'(1,1),(0,0)'", "'(3.5,4),(-1,-2.25)'"),
            new TypeCase("c_path", "path", "'[(0,0),(1,1),(2,0)]'", "'((0,0),(1,1),(2,0))'"),
            new TypeCase("c_polygon", "polygon", "'((0,0),(1,1),(1,0))'", "'((0.5,0.5),(1,2),(3,4),(5,6))'"),
            new TypeCase("c_circle", "circle", "'<(1,2),3>'", "'<(0.5,-0.5),0.25>'"),
            new TypeCase("c_tsvector", "tsvector", "'a fat cat:3A sat:4'", "''"),
            new TypeCase("c_tsquery", "tsquery", "'fat & (rat | cat)'", "'!a'"),
            new TypeCase("c_int4range", "int4range", "'[1,10)'", "'empty'"),
            new TypeCase("c_int8range", "int8range", "'(,100]'", "'[5,)'"),
            new TypeCase("c_numrange", "numrange", "'[1.5,2.25]'", "'(,)'"),
            new TypeCase("c_tsrange", "tsrange", "'[2024-01-01 00:00,2024-02-01 12:30:00.5)'", "'[-infinity,infinity]'"),
            new TypeCase("c_tstzrange", "tstzrange", "'[2024-01-01 00:00+02,)'", "'empty'"),
            new TypeCase("c_daterange", "daterange", "'[2024-01-01,2024-12-31]'", "'(,2000-01-01)'"),
            new TypeCase("c_multirange", "int4multirange", "'{[1,3), [5,7)}'", "'{}'"),
            new TypeCase("c_pglsn", "pg_lsn", "'16/B374D848'", "'0/0'"),
            new TypeCase("c_enum", "public.mood", "'happy'", "'so so'"),
            new TypeCase("c_domain", "public.posint", "42", "1"),
            new TypeCase("c_composite", "public.pair", "ROW(1, 'x y')::pair", "ROW(NULL, '')::pair"),
            new TypeCase("c_hstore", "public.hstore", "'a=>1, \"b c\"=>NULL, \"q\\\"\"=>\"\\\\\"'", "''"),
            new TypeCase("c_citext", "public.citext", "'MiXeD'", "''"),
            new TypeCase("c_int_arr", "integer[]", "'{1,NULL,-3}'", "'{}'"),
            new TypeCase("c_int_arr2", "integer[]", "'{{1,2},{3,4}}'", "'[0:1]={7,8}'"),
            new TypeCase("c_text_arr", "text[]", "'{\"a b\",NULL,\"\",\"NULL\",\"q\\\"\",\"back\\\\\",\"{x}\",\"c,d\"}'", "'{}'"),
            new TypeCase("c_varchar_arr", "character varying(5)[]", "'{ab,cd}'", "'{\"\"}'"),
            new TypeCase("c_bool_arr", "boolean[]", "'{t,f,NULL}'", "'{}'"),
            new TypeCase("c_float_arr", "double precision[]", "'{1.5,NaN,-Infinity,-0,1e-300}'", "'{}'"),
            new TypeCase("c_numeric_arr", "numeric[]", "'{1.50,NaN,-0.001}'", "'{Infinity}'"),
            new TypeCase("c_date_arr", "date[]", "'{2024-01-01,infinity,0044-03-15 BC}'", "'{}'"),
            new TypeCase("c_time_arr", "time without time zone[]", "'{13:45:56.123456,24:00:00}'", "'{}'"),
            new TypeCase("c_timetz_arr", "time with time zone[]", "'{\"10:00:00+05:30\",\"24:00:00-01\",NULL}'", "'{}'"),
            new TypeCase("c_tstz_arr", "timestamp with time zone[]", "'{\"2024-01-01 10:00:00.5+02\",infinity}'", "'{}'"),
            new TypeCase("c_jsonb_arr", "jsonb[]", "ARRAY['{\"a\": 1}'::jsonb, '[1, \"x\"]'::jsonb]", "'{}'"),
            new TypeCase("c_uuid_arr", "uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'", "'{}'"),
            new TypeCase("c_bytea_arr", "bytea[]", "ARRAY['\\x00ff'::bytea, ''::bytea, NULL]", "'{}'"),
            new TypeCase("c_box_arr", "box[]", "ARRAY['(1,1),(0,0)'::box, '(2,2),(1,1)'::box]", "'{}'"),
            new TypeCase("c_enum_arr", "public.mood[]", "'{happy,\"so so\"}'", "'{}'"),
            new TypeCase("c_range_arr", "int4range[]", "ARRAY['[1,2)'::int4range, 'empty']", "'{}'"),
            new TypeCase("c_interval_arr", "interval[]", "ARRAY['1 day'::interval, '-00:00:01.5']", "'{}'"),
            new TypeCase("c_inet_arr", "inet[]", "'{10.0.0.1,::1}'", "'{}'"),
            new TypeCase("c_money_arr", "money[]", "'{1.50,-2}'", "'{}'"));

    static final String TABLE_COLUMNS = CASES.stream().map(c -> c.column() + " " + c.type())
            .collect(Collectors.joining(", "));

    private static String db;

    @BeforeAll
    static void createTypes() {
        db = PG.createDatabase("types");
        PG.execute(db,
                "CREATE EXTENSION hstore",
                "CREATE EXTENSION citext",
                "CREATE TYPE mood AS ENUM ('sad', 'happy', 'so so')",
                "CREATE DOMAIN posint AS integer CHECK (VALUE > 0)",
                "CREATE TYPE pair AS (n integer, s text)",
                "CREATE TABLE all_types (id int PRIMARY KEY, " + TABLE_COLUMNS + ")");
        insertRows(0);
    }

    /** Rows {@code base+1} (typical values), {@code base+2} (edge values) and {@code base+3} (NULLs). */
    private static void insertRows(int base) {
        String columns = CASES.stream().map(TypeCase::column).collect(Collectors.joining(", "));
        String typical = CASES.stream().map(TypeCase::typical).collect(Collectors.joining(", "));
        String edge = CASES.stream().map(TypeCase::edge).collect(Collectors.joining(", "));
        PG.execute(db,
                "SET TIME ZONE 'Europe/Paris'",
                "INSERT INTO all_types (id, " + columns + ") VALUES (" + (base + 1) + ", " + typical + "), ("
                        + (base + 2) + ", " + edge + "), (" + (base + 3) + ", "
                        + CASES.stream().map(c -> "NULL").collect(Collectors.joining(", ")) + ")");
    }

    @Test
    void everyTypeCastsBackToTheSourceValueInSnapshotAndStreaming() throws Exception {
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 32);
             CaptureService capture = new CaptureService(TestCaptures.config(PG, db, "types").build(), sink,
                     new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            insertRows(100);
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(1) != null);

            List<RowChange> rows = endpoint.events().stream().filter(e -> e instanceof RowChange)
                    .map(e -> (RowChange) e).toList();
            assertThat(rows).extracting(r -> r.op().code() + "/" + r.key().get("id").asInt())
                    .containsExactly("r/1", "r/2", "r/3", "c/101", "c/102", "c/103");
            Map<String, String> mismatches = new LinkedHashMap<>();
            try (Connection c = PG.server().connect(db)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE 'America/New_York'"); // a zone neither the source session nor UTC
                }
                for (RowChange row : rows) {
                    compareRow(c, row, mismatches);
                }
            }
            Set<String> failing = new TreeSet<>(mismatches.keySet().stream().map(k -> k.substring(0, k.indexOf('#')))
                    .collect(Collectors.toSet()));
            assertThat(failing).as("columns not exact: %s", mismatches).isEmpty();
        }
    }

    private static void compareRow(Connection c, RowChange row, Map<String, String> mismatches) throws Exception {
        int id = row.key().get("id").asInt();
        String phase = row.op() == Op.READ ? "snapshot" : "streaming";
        for (TypeCase tc : CASES) {
            Column column = row.column(tc.column());
            assertThat(column).as(tc.column()).isNotNull();
            assertThat(column.type()).as("type of " + tc.column()).isEqualTo(tc.type());
            JsonNode value = row.after().get(tc.column());
            assertThat(value).as(tc.column() + " present").isNotNull();
            String source = sourceText(c, tc.column(), id);
            String captured = castBack(c, PgValues.toText(value), column.type());
            if (!java.util.Objects.equals(source, captured)) {
                mismatches.put(tc.column().substring(2) + "/" + phase + "#" + id,
                        "source " + source + " captured " + value + " cast back " + captured);
            }
        }
    }

    private static String sourceText(Connection c, String column, int id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + "::text FROM all_types WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String castBack(Connection c, String text, String type) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT CAST(CAST(? AS text) AS " + type + ")::text")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            return "cast failed: " + e.getMessage();
        }
    }

    static List<RowChange> rowChanges(List<StreamEvent> events) {
        List<RowChange> out = new ArrayList<>();
        events.forEach(e -> {
            if (e instanceof RowChange r) {
                out.add(r);
            }
        });
        return out;
    }
}
