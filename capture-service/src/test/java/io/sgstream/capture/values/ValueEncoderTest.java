package io.sgstream.capture.values;

import io.sgstream.event.PgValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueEncoderTest {

    private static String json(String text, String type) {
        return ValueEncoder.encode(text, ColumnType.of(type, type.startsWith("box") ? ';' : ',')).toString();
    }

    @Test
    void scalarsFollowTheContract() {
        assertThat(json("t", "boolean")).isEqualTo("true");
        assertThat(json("false", "boolean")).isEqualTo("false");
        assertThat(json("-9223372036854775808", "bigint")).isEqualTo("-9223372036854775808");
        assertThat(json("4294967295", "oid")).isEqualTo("4294967295");
        assertThat(json("1.1", "real")).isEqualTo("1.1");
        assertThat(json("1.0E10", "double precision")).isEqualTo("1.0E+10");
        assertThat(json("NaN", "double precision")).isEqualTo("\"NaN\"");
        assertThat(json("-Infinity", "real")).isEqualTo("\"-Infinity\"");
        assertThat(json("-0.0", "double precision")).isEqualTo("\"-0\"");
        assertThat(json("12.30", "numeric(10,2)")).isEqualTo("\"12.30\"");
        assertThat(json("42", "public.posint")).isEqualTo("\"42\"");
        assertThat(json(null, "text")).isEqualTo("null");
    }

    @Test
    void arraysBecomeNestedJsonArraysThatPgValuesTurnsBackIntoLiterals() {
        assertThat(json("{1,NULL,-3}", "integer[]")).isEqualTo("[1,null,-3]");
        assertThat(json("{{1,2},{3,4}}", "integer[]")).isEqualTo("[[1,2],[3,4]]");
        assertThat(json("{t,f}", "boolean[]")).isEqualTo("[true,false]");
        assertThat(json("{}", "text[]")).isEqualTo("[]");
        String text = "{\"a b\",NULL,\"\",\"NULL\",\"q\\\"\",\"back\\\\\",\"{x}\",\"c,d\"}";
        assertThat(json(text, "text[]")).isEqualTo("[\"a b\",null,\"\",\"NULL\",\"q\\\"\",\"back\\\\\",\"{x}\",\"c,d\"]");
        assertThat(PgValues.toText(ValueEncoder.encode(text, ColumnType.of("text[]", ','))))
                .isEqualTo("{\"a b\",NULL,\"\",\"NULL\",\"q\\\"\",\"back\\\\\",\"{x}\",\"c,d\"}");
        assertThat(json("{1.5,NaN}", "double precision[]")).isEqualTo("[1.5,\"NaN\"]");
    }

    @Test
    void literalsAJsonArrayCannotSayStayText() {
        assertThat(json("[0:1]={7,8}", "integer[]")).isEqualTo("\"[0:1]={7,8}\"");
        assertThat(json("{(1,1),(0,0);(2,2),(1,1)}", "box[]")).isEqualTo("\"{(1,1),(0,0);(2,2),(1,1)}\"");
    }
}
