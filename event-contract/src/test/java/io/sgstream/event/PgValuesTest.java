package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's value encoding, cast back by a real PostgreSQL, gives the exact source values. */
class PgValuesTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void encodedValuesCastBackToTheExactPostgresValue() throws Exception {
        String db = PG.createDatabase("pgvalues");
        PG.execute(db, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN positive AS integer CHECK (VALUE > 0)");
        // type, encoded JSON value, expected ::text of the cast value
        String[][] cases = {
                {"boolean", "true", "true"},
                {"smallint", "-32768", "-32768"},
                {"bigint", "9223372036854775807", "9223372036854775807"},
                {"double precision", "1.7976931348623157E308", "1.7976931348623157e+308"},
                {"double precision", "\"-Infinity\"", "-Infinity"},
                {"real", "\"NaN\"", "NaN"},
                {"numeric", "\"NaN\"", "NaN"},
                {"numeric", "\"Infinity\"", "Infinity"},
                {"numeric(30,10)", "\"-12345678901234567890.0123456789\"", "-12345678901234567890.0123456789"},
                {"money", "\"$1,234.56\"", "$1,234.56"},
                {"text", "\"multi\\nline 'quoted' \\\"x\\\" é\"", "multi\nline 'quoted' \"x\" é"},
                {"character(5)", "\"ab   \"", "ab"}, // bpchar::text drops the padding
                {"bytea", "\"\\\\x00ff10\"", "\\x00ff10"},
                {"uuid", "\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
                {"json", "\"{\\\"b\\\": 1,  \\\"a\\\": [1, 2]}\"", "{\"b\": 1,  \"a\": [1, 2]}"},
                {"jsonb", "\"{\\\"b\\\": 1, \\\"a\\\": 2.50}\"", "{\"a\": 2.50, \"b\": 1}"},
                {"date", "\"infinity\"", "infinity"},
                {"timestamp(3)", "\"2026-11-25 10:00:00.123\"", "2026-11-25 10:00:00.123"},
                {"timestamp with time zone", "\"2026-11-25 10:00:00.123456+00\"", "2026-11-25 10:00:00.123456+00"},
                {"time with time zone", "\"10:00:00.5+02:30\"", "10:00:00.5+02:30"},
                {"time", "\"24:00:00\"", "24:00:00"},
                {"interval", "\"1 year 2 mons -3 days +04:05:06.789\"", "1 year 2 mons -3 days +04:05:06.789"},
                {"inet", "\"192.168.0.1/24\"", "192.168.0.1/24"},
                {"cidr", "\"10.0.0.0/8\"", "10.0.0.0/8"},
                {"macaddr", "\"08:00:2b:01:02:03\"", "08:00:2b:01:02:03"},
                {"bit varying(8)", "\"10101\"", "10101"},
                {"int4range", "\"[1,10)\"", "[1,10)"},
                {"tstzrange", "\"[\\\"2026-01-01 00:00:00+00\\\",infinity)\"", "[\"2026-01-01 00:00:00+00\",infinity)"},
                {"point", "\"(1.5,-2)\"", "(1.5,-2)"},
                {"mood", "\"happy\"", "happy"},
                {"positive", "5", "5"},
                {"xml", "\"<a>b</a>\"", "<a>b</a>"},
                {"tsvector", "\"'a' 'b':2\"", "'a' 'b':2"},
                {"integer[]", "[1, null, 3]", "{1,NULL,3}"},
                {"integer[]", "[[1, 2], [3, 4]]", "{{1,2},{3,4}}"},
                {"text[]", "[\"a,b\", \"c\\\"d\", \"e\\\\f\", \"NULL\", null, \"{x}\", \"\"]",
                        "{\"a,b\",\"c\\\"d\",\"e\\\\f\",\"NULL\",NULL,\"{x}\",\"\"}"},
                {"numeric[]", "[\"NaN\", \"1.10\"]", "{NaN,1.10}"},
                {"mood[]", "[\"sad\", \"ok\"]", "{sad,ok}"},
                {"jsonb[]", "[\"{\\\"a\\\": 1}\"]", "{\"{\\\"a\\\": 1}\"}"},
                {"bytea[]", "[\"\\\\x01\"]", "{\"\\\\x01\"}"},
                {"boolean[]", "[true, false]", "{t,f}"},
                {"box[]", "[\"(1,1),(0,0)\", \"(3,3),(2,2)\"]", "{(1,1),(0,0);(3,3),(2,2)}"},
                {"text", "null", null},
        };
        try (Connection c = PG.server().connect(db)) {
            for (String[] tc : cases) {
                JsonNode encoded = EventCodec.JSON.readTree(tc[1]);
                try (PreparedStatement ps = c.prepareStatement("SELECT CAST(CAST(? AS text) AS " + tc[0] + ")::text")) {
                    ps.setString(1, PgValues.toText(encoded, tc[0]));
                    ResultSet rs = ps.executeQuery();
                    rs.next();
                    assertThat(rs.getString(1)).as("%s %s", tc[0], tc[1]).isEqualTo(tc[2]);
                }
            }
        }
    }
}
