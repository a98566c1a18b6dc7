package io.sgstream.apply.ddl;

import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.testing.CatalogDescription;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The DDL import of what lives beside tables and functions, each used where a migration meets it: ICU
 * collations (one non-deterministic) on columns and an index, a text search dictionary and configuration in a
 * generated {@code tsvector} column and GIN indexes, an operator with its hash operator class in an exclusion
 * constraint (and a family with a loose member), a cast and aggregates (one moving) in a view, event triggers
 * (one disabled), default privileges, owners and comments of all these; an extension's operators and casts come
 * with the extension, not as objects of their own. The target's catalog then equals the source's, the rows and
 * generated columns are equal, and the objects act on the target (another server, whose roles the import
 * creates) as on the source.
 */
class CatalogObjectsImportTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    /** Roles are per server: on another server the import creates the owners and grantees it refers to. */
    @RegisterExtension
    static final PostgresExtension OTHER = PostgresExtension.dedicated();

    static final String[] SCHEMA = {
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cat_owner') THEN"
                    + " CREATE ROLE cat_owner NOLOGIN; CREATE ROLE cat_reader NOLOGIN; END IF; END $$",
            "CREATE SCHEMA cat",
            "GRANT USAGE, CREATE ON SCHEMA cat TO cat_owner",
            "CREATE EXTENSION citext WITH SCHEMA cat",
            "CREATE COLLATION cat.german (provider = icu, locale = 'de-DE')",
            "CREATE COLLATION cat.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
            "CREATE COLLATION cat.c_posix (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX')",
            "CREATE EXTENSION unaccent WITH SCHEMA public",
            "CREATE TEXT SEARCH DICTIONARY cat.plain (TEMPLATE = public.unaccent, RULES = 'unaccent')",
            "ALTER COLLATION cat.german OWNER TO cat_owner",
            "CREATE TEXT SEARCH DICTIONARY cat.english_keep (TEMPLATE = snowball, language = 'english')",
            "CREATE TEXT SEARCH CONFIGURATION cat.english (COPY = pg_catalog.english)",
            "ALTER TEXT SEARCH CONFIGURATION cat.english ALTER MAPPING FOR asciiword, word WITH cat.english_keep",
            "ALTER TEXT SEARCH CONFIGURATION cat.english DROP MAPPING FOR url",
            "ALTER TEXT SEARCH CONFIGURATION cat.english OWNER TO cat_owner",
            "CREATE FUNCTION cat.ci_eq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT"
                    + " AS 'SELECT lower($1) = lower($2)'",
            "CREATE FUNCTION cat.ci_hash(text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT hashtext(lower($1))'",
            "CREATE OPERATOR cat.=== (FUNCTION = cat.ci_eq, LEFTARG = text, RIGHTARG = text,"
                    + " COMMUTATOR = OPERATOR(cat.===), RESTRICT = eqsel, JOIN = eqjoinsel)",
            "ALTER OPERATOR cat.===(text, text) OWNER TO cat_owner",
            "CREATE OPERATOR CLASS cat.ci_ops FOR TYPE text USING hash AS OPERATOR 1 cat.===, FUNCTION 1 cat.ci_hash(text)",
            "CREATE OPERATOR FAMILY cat.loose USING btree",
            "ALTER OPERATOR FAMILY cat.loose USING btree ADD OPERATOR 3 cat.=== (text, text)",
            "CREATE TYPE cat.price AS (amount numeric, currency text)",
            "CREATE TYPE cat.grade AS ENUM ('low', 'mid', 'high')",
            "CREATE FUNCTION cat.grade_rank(cat.grade) RETURNS integer LANGUAGE sql IMMUTABLE"
                    + " AS $$ SELECT array_position(enum_range(NULL::cat.grade), $1) * 10 $$",
            "CREATE CAST (cat.grade AS integer) WITH FUNCTION cat.grade_rank(cat.grade) AS ASSIGNMENT",
            "CREATE FUNCTION cat.join_step(text, text) RETURNS text LANGUAGE sql IMMUTABLE"
                    + " AS $$ SELECT CASE WHEN $1 = '' THEN $2 ELSE $1 || '|' || $2 END $$",
            "CREATE AGGREGATE cat.joined(text) (SFUNC = cat.join_step, STYPE = text, INITCOND = '',"
                    + " FINALFUNC = pg_catalog.upper, PARALLEL = SAFE)",
            "ALTER AGGREGATE cat.joined(text) OWNER TO cat_owner",
            "CREATE AGGREGATE cat.last_title(text) (SFUNC = pg_catalog.text_larger, STYPE = text, SORTOP = >)",
            "CREATE FUNCTION cat.keep_first(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)'",
            "CREATE AGGREGATE cat.first_given(ORDER BY text) (SFUNC = cat.keep_first, STYPE = text)",
            "CREATE FUNCTION cat.plus(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + coalesce($2, 0)'",
            "CREATE FUNCTION cat.minus(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 - coalesce($2, 0)'",
            "CREATE AGGREGATE cat.total(integer) (SFUNC = cat.plus, STYPE = bigint, INITCOND = '0',"
                    + " MSFUNC = cat.plus, MINVFUNC = cat.minus, MSTYPE = bigint, MINITCOND = '0')",
            "CREATE TABLE cat.docs (id int PRIMARY KEY, title text COLLATE cat.german NOT NULL, tag text COLLATE cat.ci,"
                    + " code text, body text, qty int, price cat.price, email cat.citext, grade cat.grade,"
                    + " grade_rank int DEFAULT ('high'::cat.grade)::integer,"
                    + " tsv tsvector GENERATED ALWAYS AS (to_tsvector('cat.english'::regconfig, title || ' ' || coalesce(body, ''))) STORED,"
                    + " CONSTRAINT one_code EXCLUDE USING hash (code cat.ci_ops WITH OPERATOR(cat.===)))",
            "CREATE INDEX docs_tag ON cat.docs (tag)",
            "CREATE INDEX docs_tsv ON cat.docs USING gin (tsv)",
            "CREATE INDEX docs_body ON cat.docs USING gin (to_tsvector('cat.english'::regconfig, body))",
            "CREATE VIEW cat.summary AS SELECT cat.joined(title ORDER BY id) AS titles, cat.total(qty) AS total,"
                    + " string_agg(price::text, ',' ORDER BY id) AS prices, sum(grade::integer) AS grades,"
                    + " count(*) FILTER (WHERE code OPERATOR(cat.===) 'CODE-1') AS code_1 FROM cat.docs",
            "CREATE VIEW cat.running AS SELECT id, cat.total(qty) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
                    + " AS pair FROM cat.docs",
            "CREATE FUNCTION cat.no_drops() RETURNS event_trigger LANGUAGE plpgsql"
                    + " AS $$ BEGIN RAISE EXCEPTION 'drops are not allowed: %', tg_tag; END $$",
            "CREATE FUNCTION cat.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl %', tg_tag; END $$",
            "CREATE EVENT TRIGGER cat_no_drops ON ddl_command_start WHEN TAG IN ('DROP TABLE', 'DROP VIEW', 'DROP INDEX')"
                    + " EXECUTE FUNCTION cat.no_drops()",
            "CREATE EVENT TRIGGER cat_log_ddl ON ddl_command_end EXECUTE FUNCTION cat.log_ddl()",
            "ALTER EVENT TRIGGER cat_log_ddl DISABLE",
            "ALTER DEFAULT PRIVILEGES FOR ROLE cat_owner IN SCHEMA cat GRANT SELECT ON TABLES TO cat_reader",
            "ALTER DEFAULT PRIVILEGES FOR ROLE cat_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
            "ALTER DEFAULT PRIVILEGES FOR ROLE cat_owner GRANT USAGE ON SEQUENCES TO cat_reader WITH GRANT OPTION",
            "COMMENT ON COLLATION cat.german IS 'umlauts sort as letters'",
            "COMMENT ON TEXT SEARCH CONFIGURATION cat.english IS 'keeps stop words'",
            "COMMENT ON TEXT SEARCH DICTIONARY cat.english_keep IS 'snowball'",
            "COMMENT ON OPERATOR cat.===(text, text) IS 'equal ignoring case'",
            "COMMENT ON OPERATOR CLASS cat.ci_ops USING hash IS 'case-insensitive hashing'",
            "COMMENT ON OPERATOR FAMILY cat.loose USING btree IS 'loose'",
            "COMMENT ON CAST (cat.grade AS integer) IS 'ranks'",
            "COMMENT ON AGGREGATE cat.joined(text) IS 'pipes'",
            "COMMENT ON EVENT TRIGGER cat_no_drops IS 'keep tables'"};

    @Test
    void collationsTextSearchOperatorsCastsAggregatesEventTriggersAndDefaultPrivilegesAreImportedAndActAsOnTheSource()
            throws Exception {
        String source = PG.createDatabase("catobj_src");
        String target = OTHER.createDatabase("catobj_dst");
        PG.execute(source, SCHEMA);
        PG.execute(source, "INSERT INTO cat.docs (id, title, tag, code, body, qty, price, email, grade) VALUES"
                + " (1, 'Zebra', 'abc', 'code-1', 'the running of the bulls', 5, ROW(1.5, 'EUR'), 'A@x', 'low'),"
                + " (2, 'Äpfel', 'ABC', 'code-2', 'apples in the basket', 7, ROW(2, 'USD'), 'b@x', 'high'),"
                + " (3, 'Birne', 'abd', null, null, null, null, null, null)");
        StreamId stream = new StreamId("test", "catobj");
        List<StreamEvent> events;
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events = src.snapshot("cat.docs");
        }
        TargetPreparation preparation = TestConfigs.preparation(PG, source, "cat\\.docs");
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(OTHER, target).withPreparation(preparation))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(apply.position(stream))
                    .hasValueSatisfying(s -> assertThat(s.snapshotComplete()).isTrue()));
        }

        assertThat(CatalogDescription.of(OTHER.server(), target, "'cat'")).isEqualTo(CatalogDescription.of(PG.server(), source, "'cat'"))
                .anySatisfy(l -> assertThat(l).startsWith("collation cat.ci i deterministic=false").contains("locale=und-u-ks-level2"))
                .anySatisfy(l -> assertThat(l).startsWith("collation cat.german i").endsWith("owner=cat_owner"))
                .anySatisfy(l -> assertThat(l).startsWith("text search configuration cat.english parser=default owner=cat_owner")
                        .contains("asciiword=cat.english_keep").doesNotContain("url="))
                .anySatisfy(l -> assertThat(l).startsWith("text search dictionary cat.english_keep template=pg_catalog.snowball"))
                .anySatisfy(l -> assertThat(l).startsWith("operator cat.===(text,text) code=cat.ci_eq")
                        .contains("commutator=cat.===(text,text)").endsWith("owner=cat_owner"))
                .anySatisfy(l -> assertThat(l).startsWith("operator class cat.ci_ops using hash")
                        .contains("family=cat.ci_ops", "op 1 cat.===(text,text)", "function 1 text text cat.ci_hash(text)"))
                .anySatisfy(l -> assertThat(l).startsWith("operator family cat.loose using btree").contains("op 3 cat.===(text,text)"))
                .anySatisfy(l -> assertThat(l).startsWith("cast (cat.grade AS integer) cat.grade_rank(cat.grade) context=a"))
                .anySatisfy(l -> assertThat(l).startsWith("aggregate cat.joined(text)").contains("final=pg_catalog.upper", "parallel=s")
                        .endsWith("owner=cat_owner"))
                .anySatisfy(l -> assertThat(l).startsWith("aggregate cat.total(integer)").contains("minv=cat.minus"))
                .anySatisfy(l -> assertThat(l).startsWith("aggregate cat.last_title(text)").contains("sortop=>(text,text)"))
                .anySatisfy(l -> assertThat(l).startsWith("aggregate cat.first_given(text) kind=o"))
                .anySatisfy(l -> assertThat(l).startsWith("collation cat.c_posix c deterministic=true collate=C ctype=POSIX"))
                .anySatisfy(l -> assertThat(l).startsWith("text search dictionary cat.plain template=public.unaccent"))
                .anySatisfy(l -> assertThat(l).startsWith("event trigger cat_no_drops on ddl_command_start")
                        .contains("enabled=O"))
                .anySatisfy(l -> assertThat(l).startsWith("event trigger cat_log_ddl").contains("enabled=D"))
                .anySatisfy(l -> assertThat(l).startsWith("default privileges of cat_owner in cat on r"))
                .anySatisfy(l -> assertThat(l).startsWith("default privileges of cat_owner in - on f"))
                .anySatisfy(l -> assertThat(l).startsWith("default privileges of cat_owner in - on S"))
                .anySatisfy(l -> assertThat(l).startsWith("constraint cat.docs one_code EXCLUDE USING hash (code cat.ci_ops WITH OPERATOR(cat.===))"))
                .anySatisfy(l -> assertThat(l).startsWith("index CREATE INDEX docs_body ON cat.docs USING gin (to_tsvector('cat.english'"))
                .contains("comment cast from cat.grade to integer: ranks",
                        "comment event trigger cat_no_drops: keep tables",
                        "comment function cat.joined(text): pipes",
                        "comment collation cat.german: umlauts sort as letters");
        // the extension's own operators and casts came with it, not as objects of their own; the dictionary's
        // template brought its extension
        assertThat(rows(OTHER, target, "SELECT string_agg(extname || ' ' || extnamespace::regnamespace::text, ',' ORDER BY extname)"
                + " FROM pg_extension WHERE extname <> 'plpgsql'")).containsExactly("citext cat,unaccent public");
        assertThat(rows(OTHER, target, "SELECT count(*) FROM pg_operator o WHERE o.oprnamespace = 'cat'::regnamespace"
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e')")).containsExactly("1");

        // rows equal, generated tsvectors included: the configuration maps words as on the source
        assertThat(TableChecksums.of(OTHER.server(), target, "cat")).isEqualTo(TableChecksums.of(PG.server(), source, "cat"));
        assertThat(rows(OTHER, target, "SELECT tsv::text FROM cat.docs WHERE id = 1")).containsExactly("'bull':6 'of':4 'run':3 'the':2,5 'zebra':1");
        String[] sameAnswers = {
                "SELECT string_agg(title, ',' ORDER BY title) FROM cat.docs",
                "SELECT count(*) FROM cat.docs WHERE tag = 'ABC'",
                "SELECT titles || ' ' || total || ' ' || prices || ' ' || grades || ' ' || code_1 FROM cat.summary",
                "SELECT string_agg(grade_rank::text, ',' ORDER BY id) FROM cat.docs",
                "SELECT cat.last_title(title) || ' ' || cat.first_given() WITHIN GROUP (ORDER BY title COLLATE cat.c_posix)"
                        + " || ' ' || ts_lexize('cat.plain', 'Äpfel')::text FROM cat.docs",
                "SELECT string_agg(pair::text, ',' ORDER BY id) FROM cat.running",
                "SELECT string_agg(id::text, ',' ORDER BY id) FROM cat.docs WHERE tsv @@ to_tsquery('cat.english', 'the & apples')",
                "SELECT ('Abc' OPERATOR(cat.===) 'aBC')::text || ' ' || ('mid'::cat.grade)::integer"};
        for (String sql : sameAnswers) {
            assertThat(rows(OTHER, target, sql)).as(sql).isEqualTo(rows(PG, source, sql));
        }
        assertThat(rows(OTHER, target, sameAnswers[0])).containsExactly("Äpfel,Birne,Zebra");
        assertThat(rows(OTHER, target, sameAnswers[1])).containsExactly("2");
        assertThat(rows(OTHER, target, sameAnswers[4])).singleElement().asString().endsWith(" {Apfel}");
        assertThat(rows(OTHER, target, sameAnswers[2])).containsExactly("ZEBRA|ÄPFEL|BIRNE 12 (1.5,EUR),(2,USD) 40 1");
        assertThat(rows(OTHER, target, sameAnswers[sameAnswers.length - 1])).containsExactly("true 20");
        // the exclusion constraint's operator class works on the target
        assertThatThrownBy(() -> OTHER.execute(target, "INSERT INTO cat.docs (id, title, code) VALUES (4, 'x', 'CODE-2')"))
                .hasMessageContaining("one_code");
        // the event trigger guards the target as it guards the source; it did not stop the preparation from dropping
        // the indexes for the snapshot (and restoring them, as the catalogs show), which ran as replica
        assertThatThrownBy(() -> OTHER.execute(target, "DROP VIEW cat.running")).hasMessageContaining("drops are not allowed: DROP VIEW");
        assertThatThrownBy(() -> OTHER.execute(target, "DROP INDEX cat.docs_tag")).hasMessageContaining("drops are not allowed: DROP INDEX");
        // default privileges apply to what their role creates on the target afterwards
        OTHER.execute(target, "SET ROLE cat_owner; CREATE TABLE cat.later (id int); CREATE SEQUENCE cat.later_seq;"
                + " CREATE FUNCTION cat.later_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'; RESET ROLE");
        assertThat(rows(OTHER, target, "SELECT has_table_privilege('cat_reader', 'cat.later', 'SELECT')::text"
                + " || ' ' || has_sequence_privilege('cat_reader', 'cat.later_seq', 'USAGE WITH GRANT OPTION')::text"
                + " || ' ' || has_function_privilege('cat_reader', 'cat.later_fn()', 'EXECUTE')::text"))
                .containsExactly("true true false");
    }

    private static List<String> rows(PostgresExtension pg, String database, String sql) throws SQLException {
        return TableChecksums.query(pg.server(), database, sql);
    }
}
