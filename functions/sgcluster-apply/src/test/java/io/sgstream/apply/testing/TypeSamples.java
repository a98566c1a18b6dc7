package io.sgstream.apply.testing;

/**
 * Sample rows of every built-in type family and arrays of them, user types (enum, domain, composite), ranges and
 * multiranges, with edge values (NaN and infinities, 24:00, odd time-zone offsets, empty and NULL array elements,
 * quotes and backslashes): shared by the type matrix and the capture acceptance test.
 */
public final class TypeSamples {

    private TypeSamples() {
    }

    /** User types: enum, domain, composite (events carry only their names; the target must have them). */
    public static final String[] USER_TYPES = {
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0)",
            "CREATE TYPE pair AS (a int, b text)"};

    public static final String TABLE = "CREATE TABLE types (id int PRIMARY KEY,"
            + " c_bool boolean, c_int2 smallint, c_int4 integer, c_int8 bigint,"
            + " c_numeric numeric, c_numeric_p numeric(12,4), c_real real, c_double double precision, c_money money,"
            + " c_char char(5), c_varchar varchar(20), c_text text, c_name name, c_bytea bytea,"
            + " c_date date, c_time time, c_time_p time(3), c_timetz timetz, c_timestamp timestamp,"
            + " c_timestamptz timestamptz, c_ts_p timestamp(2), c_interval interval,"
            + " c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml,"
            + " c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8, c_bit bit(4), c_varbit bit varying(10),"
            + " c_point point, c_line line, c_lseg lseg, c_box box, c_path path, c_polygon polygon, c_circle circle,"
            + " c_tsvector tsvector, c_tsquery tsquery,"
            + " c_int4range int4range, c_int8range int8range, c_numrange numrange, c_tsrange tsrange,"
            + " c_tstzrange tstzrange, c_daterange daterange, c_int4multirange int4multirange,"
            + " c_mood mood, c_domain positive_int, c_pair pair, c_oid oid, c_pg_lsn pg_lsn,"
            + " a_int4 integer[], a_int2d integer[][], a_text text[], a_varchar varchar(10)[], a_numeric numeric[],"
            + " a_float8 double precision[], a_bool boolean[], a_date date[], a_tstz timestamptz[], a_uuid uuid[],"
            + " a_jsonb jsonb[], a_bytea bytea[], a_inet inet[], a_mood mood[], a_int4range int4range[],"
            + " a_interval interval[])";

    public static final String TYPICAL = "(1, true, 12, 1234, 1234567890123, 3.14159, 12.3400, 3.5, 2.718281828459045,"
            + " 1234.56, 'ab', 'varchar', 'text é ✓', 'a_name', '\\x00ff10',"
            + " '2026-11-25', '13:45:00', '13:45:00.123', '13:45:00+02', '2026-11-25 13:45:00', '2026-11-25 13:45:00+00',"
            + " '2026-11-25 13:45:00.12', '1 year 2 mons 3 days 04:05:06.789',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2], \"b\": null}', '{\"k\": {\"n\": 1.50}}',"
            + " '<a x=\"1\">t</a>', '192.168.1.5/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05',"
            + " B'1010', B'101', '(1.5,2)', '{1,2,3}', '[(0,0),(1,1)]', '((0,0),(2,2))', '[(0,0),(1,1),(2,0)]',"
            + " '((0,0),(1,1),(1,0))', '<(1,1),2>', 'a fat cat:1 sat', 'fat & rat',"
            + " '[1,10)', '[1,100)', '[1.5,2.5]', '[2026-01-01,2026-02-01)', '[2026-01-01 00:00+00,2026-02-01 00:00+00)',"
            + " '[2026-01-01,2026-12-31)', '{[1,3), [5,8)}', 'happy', 7, '(1,\"x y\")', 42, '16/B374D848',"
            + " '{1,2,3}', '{{1,2},{3,4}}', '{a,b,c}', '{x,y}', '{1.5,2.25}', '{1.5,-2}', '{t,f}', '{2026-01-01}',"
            + " '{\"2026-01-01 10:00:00+00\"}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{\"{\\\"a\\\": 1}\"}',"
            + " '{\"\\\\\\\\x0102\"}', '{10.0.0.1,::1}', '{sad,happy}', '{\"[1,5)\"}', '{\"1 day\",\"-02:00:00\"}')";

    public static final String EDGES = "(2, false, -32768, -2147483648, -9223372036854775808, 'NaN', -99999999.9999,"
            + " 'Infinity', '-Infinity', -92233720368547758.08,"
            + " '', '', E'quote '' \" backslash \\\\ tab \\t newline \\n {braces},', '', '\\x',"
            + " 'infinity', '24:00:00', '00:00:00.001', '23:59:59.999999-15:59', '-infinity', 'infinity',"
            + " '4713-01-01 00:00:00 BC', '-178000000 years -1 mons -2 days -00:00:00.000001',"
            + " '00000000-0000-0000-0000-000000000000', '  [ 1 , {\"dup\": 1, \"dup\": 2} ]  ', '[]', '<e/>',"
            + " '::ffff:1.2.3.4', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00:00:00', B'0000', B'',"
            + " '(-0.5,1e-10)', '{0,-1,0}', '[(-1,-1),(1e+20,1)]', '((1,1),(1,1))', '((0,0))', '((0,0))', '<(0,0),0>',"
            + " '', '!(a | b) & c:*', 'empty', '(,)', '(,0.5]', '(,)', '(\"2026-01-01 00:00+00\",infinity)',"
            + " '[-infinity,infinity)', '{}', 'sad', 2147483647, '(,\"\")', 4294967295, '0/0',"
            + " '{}', '{}', '{NULL,\"NULL\",\"\",\"q\\\"uote\",\"back\\\\\\\\slash\",\"com,ma\",\"{brace}\",\" space \"}',"
            + " '{NULL}', '{NaN,Infinity,-Infinity,0.000001}', '{NaN,Infinity,-Infinity,1e-300,-1.5e+300}', '{NULL,t}',"
            + " '{infinity,-infinity}', '{NULL}', '{}', '{\"[]\",\"{}\",null}', '{NULL,\"\\\\\\\\x\"}', '{}', '{}',"
            + " '{empty,\"(,)\"}', '{\"-1 years +2 days\"}')";
}
