package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad SGStreams and the exact problems reported for them, each with the path of its field. */
class ValidationTest {

    private static final String SOURCE = """
            source:
              type: Postgres
              postgres:
                host: db.example.com
                username: {name: creds, key: username}
                password: {name: creds, key: password}
            """;
    private static final String TARGET = """
            target:
              type: CloudEvent
              cloudEvent:
                http:
                  url: http://broker-ingress.knative-eventing.svc.cluster.local/ns/default
            """;

    static String stream(String name, String spec) {
        return "apiVersion: stackgres.io/v1alpha1\nkind: SGStream\nmetadata:\n  name: " + name + "\nspec:\n"
                + spec.indent(2);
    }

    static String spec(String spec) {
        return stream("orders", spec);
    }

    /** The valid base with one section's text replaced. */
    static String source(String postgresFields) {
        return spec("source:\n  type: Postgres\n  postgres:\n" + postgresFields.indent(4) + TARGET);
    }

    static String target(String target) {
        return spec(SOURCE + target);
    }

    static String http(String httpFields) {
        return target("target:\n  type: CloudEvent\n  cloudEvent:\n    http:\n" + httpFields.indent(6));
    }

    static final String CREDENTIALS = """
            username: {name: creds, key: username}
            password: {name: creds, key: password}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- types and the sections they select
                bad("unknown source type", spec(SOURCE.replace("type: Postgres", "type: Foo") + TARGET),
                        "spec.source.type: must be one of SGCluster, Postgres (was \"Foo\")"),
                bad("missing source type", spec(SOURCE.replace("  type: Postgres\n", "") + TARGET),
                        "spec.source.type: required (one of SGCluster, Postgres)"),
                bad("source type without its section", spec(SOURCE.replace("type: Postgres", "type: SGCluster") + TARGET),
                        "spec.source.sgCluster: required when spec.source.type is SGCluster",
                        "spec.source.postgres: must not be set when spec.source.type is SGCluster"),
                bad("unknown target type", spec(SOURCE + TARGET.replace("type: CloudEvent", "type: Kafka")),
                        "spec.target.type: must be one of CloudEvent, PgLambda, SGCluster (was \"Kafka\")"),
                bad("target section of another type", target(TARGET + "  sgCluster:\n    name: other\n"),
                        "spec.target.sgCluster: must not be set when spec.target.type is CloudEvent"),
                bad("CloudEvent target without its section", target("target:\n  type: CloudEvent\n"),
                        "spec.target.cloudEvent: required when spec.target.type is CloudEvent"),
                bad("CloudEvent target without url", http("readTimeout: PT5S"),
                        "spec.target.cloudEvent.http.url: required when spec.target.type is CloudEvent"),
                bad("CloudEvent target without http",
                        target("target:\n  type: CloudEvent\n  cloudEvent:\n    format: json\n"),
                        "spec.target.cloudEvent.http.url: required when spec.target.type is CloudEvent"),
                bad("missing source and target", spec("maxRetries: 0\n"),
                        "spec.source: required", "spec.target: required"),
                bad("missing spec", "apiVersion: stackgres.io/v1alpha1\nkind: SGStream\nmetadata:\n  name: orders\n",
                        "spec: required"),

                // --- metadata
                bad("name too long", stream("a".repeat(57), SOURCE + TARGET),
                        "metadata.name: must be at most 56 characters (was 57)"),
                bad("name not a DNS label", stream("Orders_v2", SOURCE + TARGET),
                        "metadata.name: must consist of lower-case letters, digits and '-', start with a letter and"
                                + " end with a letter or digit (was \"Orders_v2\")"),
                bad("name starting with a digit", stream("1orders", SOURCE + TARGET),
                        "metadata.name: must consist of lower-case letters, digits and '-', start with a letter and"
                                + " end with a letter or digit (was \"1orders\")"),
                bad("missing name", "apiVersion: stackgres.io/v1alpha1\nkind: SGStream\nmetadata:\n  namespace: shop\n"
                        + "spec:\n" + (SOURCE + TARGET).indent(2), "metadata.name: required"),
                bad("bad namespace", "apiVersion: stackgres.io/v1alpha1\nkind: SGStream\nmetadata:\n  name: orders\n"
                        + "  namespace: Shop\nspec:\n" + (SOURCE + TARGET).indent(2),
                        "metadata.namespace: must be a DNS label: at most 63 lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit (was \"Shop\")"),
                bad("wrong kind", spec(SOURCE + TARGET).replace("kind: SGStream", "kind: SGScript"),
                        "kind: must be SGStream (was \"SGScript\")"),
                bad("wrong apiVersion", spec(SOURCE + TARGET).replace("stackgres.io/v1alpha1", "stackgres.io/v1"),
                        "apiVersion: must be stackgres.io/v1alpha1 (was \"stackgres.io/v1\")"),

                // --- durations
                bad("Go-style seconds", http("url: http://sink\nconnectTimeout: 5s"),
                        "spec.target.cloudEvent.http.connectTimeout: must be an ISO-8601 duration such as PT5S or"
                                + " PT1M30S (was \"5s\"; write \"PT5S\")"),
                bad("milliseconds", http("url: http://sink\nreadTimeout: 500ms"),
                        "spec.target.cloudEvent.http.readTimeout: must be an ISO-8601 duration such as PT5S or"
                                + " PT1M30S (was \"500ms\"; write \"PT0.5S\")"),
                bad("fractional hours", http("url: http://sink\nreadTimeout: 1.5h"),
                        "spec.target.cloudEvent.http.readTimeout: must be an ISO-8601 duration such as PT5S or"
                                + " PT1M30S (was \"1.5h\"; write \"PT1H30M\")"),
                bad("words", http("url: http://sink\nreadTimeout: soon"),
                        "spec.target.cloudEvent.http.readTimeout: must be an ISO-8601 duration such as PT5S or"
                                + " PT1M30S (was \"soon\")"),
                bad("negative duration", http("url: http://sink\nconnectTimeout: PT-5S"),
                        "spec.target.cloudEvent.http.connectTimeout: must not be negative (was \"PT-5S\")"),

                // --- HTTP delivery
                bad("relative url", http("url: broker"),
                        "spec.target.cloudEvent.http.url: must be an absolute http or https URL (was \"broker\")"),
                bad("url of another scheme", http("url: ftp://files.example.com/in"),
                        "spec.target.cloudEvent.http.url: must be an absolute http or https URL"
                                + " (was \"ftp://files.example.com/in\")"),
                bad("negative retryLimit", http("url: http://sink\nretryLimit: -1"),
                        "spec.target.cloudEvent.http.retryLimit: must be 0 or more (was -1); leave it unset to retry"
                                + " forever"),
                bad("negative retryBackoffDelay", http("url: http://sink\nretryBackoffDelay: -5"),
                        "spec.target.cloudEvent.http.retryBackoffDelay: must be 0 or more seconds (was -5)"),
                bad("format and binding", target("target:\n  type: CloudEvent\n  cloudEvent:\n    format: avro\n"
                                + "    binding: kafka\n    http:\n      url: http://sink\n"),
                        "spec.target.cloudEvent.format: must be json (was \"avro\")",
                        "spec.target.cloudEvent.binding: must be http (was \"kafka\")"),
                bad("pgLambda http timeout", target("target:\n  type: PgLambda\n  pgLambda:\n    script: x\n"
                                + "    knative:\n      http:\n        readTimeout: 30s\n"),
                        "spec.target.pgLambda.knative.http.readTimeout: must be an ISO-8601 duration such as PT5S or"
                                + " PT1M30S (was \"30s\"; write \"PT30S\")"),

                // --- source fields
                bad("includes and excludes", source("host: db\n" + CREDENTIALS + "includes: [public]\nexcludes: [audit]"),
                        "spec.source.postgres.excludes: must not be set together with includes (they are mutually"
                                + " exclusive)"),
                bad("include that is no regular expression", source("host: db\n" + CREDENTIALS
                                + "includes:\n  - public\n  - public\\.(orders"),
                        "spec.source.postgres.includes[1]: not a valid regular expression (Unclosed group near"
                                + " index 15)"),
                bad("empty include", source("host: db\n" + CREDENTIALS + "includes: ['']"),
                        "spec.source.postgres.includes[0]: must not be empty"),
                bad("port zero", source("host: db\nport: 0\n" + CREDENTIALS),
                        "spec.source.postgres.port: must be between 1 and 65535 (was 0)"),
                bad("port too high", source("host: db\nport: 70000\n" + CREDENTIALS),
                        "spec.source.postgres.port: must be between 1 and 65535 (was 70000)"),
                bad("missing host", source(CREDENTIALS), "spec.source.postgres.host: required"),
                bad("external Postgres without credentials", source("host: db"),
                        "spec.source.postgres.username: required for a Postgres source (only host: embedded may omit"
                                + " it)",
                        "spec.source.postgres.password: required for a Postgres source (only host: embedded may omit"
                                + " it)"),
                bad("selector without key", source("host: db\nusername: {name: creds, key: username}\n"
                                + "password: {name: creds}"),
                        "spec.source.postgres.password.key: required"),
                bad("selector with a path as key", source("host: db\nusername: {name: creds, key: ../username}\n"
                                + "password: {name: Creds, key: password}"),
                        "spec.source.postgres.username.key: must consist of letters, digits, '-', '_' or '.'"
                                + " (was \"../username\")",
                        "spec.source.postgres.password.name: must be a Kubernetes object name: lower-case letters,"
                                + " digits, '-' and '.', starting and ending with a letter or digit (was \"Creds\")"),
                bad("database name too long", source("host: db\ndatabase: " + "d".repeat(64) + "\n" + CREDENTIALS),
                        "spec.source.postgres.database: must be at most 63 bytes, PostgreSQL's identifier limit"),
                bad("SGCluster source without name", spec("source:\n  type: SGCluster\n  sgCluster:\n    database: shop\n"
                        + TARGET), "spec.source.sgCluster.name: required"),
                bad("SGCluster name with capitals", spec("source:\n  type: SGCluster\n  sgCluster:\n    name: Shop\n"
                        + TARGET), "spec.source.sgCluster.name: must be a Kubernetes object name: lower-case letters,"
                        + " digits, '-' and '.', starting and ending with a letter or digit (was \"Shop\")"),

                // --- TLS (our extension)
                bad("unknown sslMode", source("host: db\nsslMode: 'on'\n" + CREDENTIALS),
                        "spec.source.postgres.sslMode: must be one of disable, allow, prefer, require, verify-ca,"
                                + " verify-full (was \"on\")"),
                bad("verify-full without CA", source("host: db\nsslMode: verify-full\n" + CREDENTIALS),
                        "spec.source.postgres.sslRootCert: required when sslMode is verify-full (the CA certificate"
                                + " that signs the server certificate)"),
                bad("client certificate without key", source("host: db\nsslMode: require\n"
                                + "sslCert: {name: client-tls, key: tls.crt}\n" + CREDENTIALS),
                        "spec.source.postgres.sslKey: required when sslCert is set (a client certificate needs its"
                                + " key)"),

                // --- Debezium settings
                bad("slot name PostgreSQL refuses", source("host: db\n" + CREDENTIALS
                                + "debeziumProperties:\n  slotName: Orders-Slot\n  publicationName: " + "p".repeat(64)),
                        "spec.source.postgres.debeziumProperties.slotName: must consist of lower-case letters, digits"
                                + " and '_', at most 63 characters (was \"Orders-Slot\")",
                        "spec.source.postgres.debeziumProperties.publicationName: must consist of lower-case letters,"
                                + " digits and '_', at most 63 characters (was \"" + "p".repeat(64) + "\")"),
                bad("snapshot mode Debezium 3 dropped", source("host: db\n" + CREDENTIALS
                                + "debeziumProperties:\n  snapshotMode: never"),
                        "spec.source.postgres.debeziumProperties.snapshotMode: must be one of always, initial,"
                                + " initial_only, no_data, when_needed, configuration_based, custom (was \"never\";"
                                + " Debezium 3 replaced never with no_data)"),
                bad("other logical decoding plug-in", source("host: db\n" + CREDENTIALS
                                + "debeziumProperties:\n  pluginName: wal2json"),
                        "spec.source.postgres.debeziumProperties.pluginName: must be one of pgoutput, decoderbufs"
                                + " (was \"wal2json\")"),

                // --- PgLambda
                bad("script and scriptFrom", target("target:\n  type: PgLambda\n  pgLambda:\n    script: x\n"
                                + "    scriptFrom:\n      configMapKeyRef: {name: code, key: index.js}\n"),
                        "spec.target.pgLambda.scriptFrom: must not be set together with script (set exactly one)"),
                bad("neither script nor scriptFrom",
                        target("target:\n  type: PgLambda\n  pgLambda:\n    scriptType: javascript\n"),
                        "spec.target.pgLambda.script: required when spec.target.type is PgLambda (or set scriptFrom)"),
                bad("scriptFrom naming both", target("target:\n  type: PgLambda\n  pgLambda:\n    scriptFrom:\n"
                                + "      secretKeyRef: {name: code, key: index.js}\n"
                                + "      configMapKeyRef: {name: code, key: index.js}\n"),
                        "spec.target.pgLambda.scriptFrom.configMapKeyRef: must not be set together with secretKeyRef"
                                + " (set exactly one)"),
                bad("scriptFrom naming neither", target("target:\n  type: PgLambda\n  pgLambda:\n    scriptFrom: {}\n"),
                        "spec.target.pgLambda.scriptFrom: set one of secretKeyRef or configMapKeyRef"),
                bad("script type", target("target:\n  type: PgLambda\n  pgLambda:\n    scriptType: python\n    script: x\n"),
                        "spec.target.pgLambda.scriptType: must be javascript (was \"python\")"),

                // --- SGCluster target
                bad("SGCluster target without name",
                        target("target:\n  type: SGCluster\n  sgCluster:\n    database: shop\n"),
                        "spec.target.sgCluster.name: required"),
                bad("Kafka keys", target("target:\n  type: SGCluster\n  sgCluster:\n    name: shop\n"
                                + "    debeziumProperties:\n      primaryKeyMode: kafka\n      insertMode: merge\n"),
                        "spec.target.sgCluster.debeziumProperties.primaryKeyMode: must not be kafka (an SGCluster"
                                + " target takes keys from the record, not from Kafka)",
                        "spec.target.sgCluster.debeziumProperties.insertMode: must be one of insert, upsert, update"
                                + " (was \"merge\")"),

                // --- spec-level fields
                bad("maxRetries below -1", spec(SOURCE + TARGET + "maxRetries: -2\n"),
                        "spec.maxRetries: must be -1 (retry forever) or more (was -2)"),
                bad("volume size", spec(SOURCE + TARGET + "pods:\n  persistentVolume:\n    size: 1GB\n"),
                        "spec.pods.persistentVolume.size: must be a number followed by Mi, Gi or Ti, such as 1Gi"
                                + " (was \"1GB\")"),

                // --- what Jackson finds: unknown fields and wrong types, reported once and with the rules
                bad("misspelt field", source("hots: db\n" + CREDENTIALS),
                        "spec.source.postgres.hots: unknown field (did you mean \"host\"?)",
                        "spec.source.postgres.host: required"),
                bad("misspelt field in a small section", source("host: db\n" + CREDENTIALS.replace("key: password",
                                "kee: password")),
                        "spec.source.postgres.password.kee: unknown field (did you mean \"key\"?)",
                        "spec.source.postgres.password.key: required"),
                bad("unknown section", spec(SOURCE + TARGET + "replicas: 3\n"),
                        "spec.replicas: unknown field (known fields: debeziumEngineProperties, maxRetries, metadata,"
                                + " pods, source, target)"),
                bad("misspelt Debezium property", source("host: db\n" + CREDENTIALS
                                + "debeziumProperties:\n  snapshotMod: initial"),
                        "spec.source.postgres.debeziumProperties.snapshotMod: unknown field (did you mean"
                                + " \"snapshotMode\"?)"),
                bad("quoted number", source("host: db\nport: '5432'\n" + CREDENTIALS),
                        "spec.source.postgres.port: must be an integer (was \"5432\")"),
                bad("number as a name", target("target:\n  type: SGCluster\n  sgCluster:\n    name: 2024\n"),
                        "spec.target.sgCluster.name: must be a string (was 2024)"),
                // quoted, 'true' is text to YAML and to the API server alike (a bare yes is a boolean to both)
                bad("text as a flag", source("host: db\n" + CREDENTIALS
                                + "skipDropReplicationSlotAndPublicationOnTombstone: 'true'"),
                        "spec.source.postgres.skipDropReplicationSlotAndPublicationOnTombstone: must be true or false"
                                + " (was \"true\")"),
                bad("single include instead of a list", source("host: db\n" + CREDENTIALS + "includes: public"),
                        "spec.source.postgres.includes: must be a list (was \"public\")"),
                bad("list instead of a section", http("url: http://sink\nheaders: [a, b]"),
                        "spec.target.cloudEvent.http.headers: must be a mapping of keys to values (was a list)"),
                bad("text instead of a section", target("target:\n  type: CloudEvent\n  cloudEvent: http://sink\n"),
                        "spec.target.cloudEvent: must be an object with fields (was \"http://sink\")"),
                bad("integer out of range", source("host: db\n" + CREDENTIALS + "debeziumProperties:\n"
                                + "  snapshotFetchSize: 99999999999"),
                        "spec.source.postgres.debeziumProperties.snapshotFetchSize: must be an integer between"
                                + " -2147483648 and 2147483647 (was 99999999999)"),
                bad("object as a map value", source("host: db\n" + CREDENTIALS + "debeziumProperties:\n"
                                + "  snapshotSelectStatementOverrides:\n    public.orders: {select: x}"),
                        "spec.source.postgres.debeziumProperties.snapshotSelectStatementOverrides[\"public.orders\"]:"
                                + " must be a string (was an object)"),
                bad("bad list item", source("host: db\n" + CREDENTIALS + "excludes: [audit, 7]"),
                        "spec.source.postgres.excludes[1]: must be a string (was 7)"));
    }

    private static Arguments bad(String what, String yaml, String... expected) {
        return Arguments.of(what, yaml, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheseProblems(String what, String yaml, List<String> expected) {
        InvalidSGStreamException e = catchThrowableOfType(InvalidSGStreamException.class, () -> SGStreams.fromYaml(yaml));

        assertThat(e).as("%s should be rejected:%n%s", what, yaml).isNotNull();
        assertThat(e.violations()).extracting(Violation::toString).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(e.getMessage()).contains(expected);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml = stream("Orders", """
                source:
                  type: Postgres
                  postgres:
                    host: db
                    port: "5432"
                    databse: shop
                    includes: [public]
                    excludes: [audit]
                target:
                  type: CloudEvent
                  cloudEvent:
                    http:
                      connectTimeout: 5s
                maxRetries: -7
                """);

        InvalidSGStreamException e = catchThrowableOfType(InvalidSGStreamException.class, () -> SGStreams.fromYaml(yaml));

        assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "spec.source.postgres.port", "spec.source.postgres.databse", "metadata.name",
                "spec.source.postgres.username", "spec.source.postgres.password", "spec.source.postgres.excludes",
                "spec.target.cloudEvent.http.url", "spec.target.cloudEvent.http.connectTimeout", "spec.maxRetries");
        assertThat(e.getMessage()).startsWith("Invalid SGStream \"Orders\" in YAML (9 problems):\n  - ");
    }

    @Test
    void acceptsTheValidBaseAndItsVariants() {
        assertThat(SGStreams.fromYaml(spec(SOURCE + TARGET)).getMetadata().getName()).isEqualTo("orders");
        assertThat(SGStreams.fromYaml(source("host: embedded")).getSpec().getSource().getPostgres().embedded()).isTrue();
        assertThat(SGStreams.fromYaml(http("url: https://sink.example.com\nconnectTimeout: PT0S\nreadTimeout: pt1m30s"))
                .getSpec().getTarget().getCloudEvent().getHttp().readTimeoutDuration())
                .contains(java.time.Duration.ofSeconds(90));
        assertThat(SGStreams.fromYaml(source("host: db\nsslMode: verify-ca\nsslRootCert: {name: ca, key: ca.crt}\n"
                + "sslCert: {name: client, key: tls.crt}\nsslKey: {name: client, key: tls.key}\n" + CREDENTIALS))
                .getSpec().getSource().getPostgres().getSslKey().getKey()).isEqualTo("tls.key");
        assertThat(SGStreams.fromYaml(stream("a".repeat(56), SOURCE + TARGET)).getMetadata().getName()).hasSize(56);
    }

    @Test
    void validatesStreamsBuiltInCodeToo() {
        SGStream stream = SGStreams.fromYaml(spec(SOURCE + TARGET));
        stream.getSpec().getTarget().getCloudEvent().getHttp().setUrl(null);
        stream.getSpec().setMaxRetries(-5);

        assertThat(SGStreamValidator.validate(stream)).extracting(Violation::toString).containsExactly(
                "spec.target.cloudEvent.http.url: required when spec.target.type is CloudEvent",
                "spec.maxRetries: must be -1 (retry forever) or more (was -5)");
        InvalidSGStreamException e = catchThrowableOfType(InvalidSGStreamException.class,
                () -> SGStreamValidator.requireValid(stream));
        assertThat(e.getMessage()).startsWith("Invalid SGStream default/orders (2 problems):");
    }
}
