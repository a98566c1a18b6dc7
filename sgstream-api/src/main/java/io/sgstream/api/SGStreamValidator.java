package io.sgstream.api;

import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.api.spec.ConfigMapKeySelector;
import io.sgstream.api.spec.JdbcSinkDebeziumProperties;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.SourceDebeziumProperties;
import io.sgstream.api.spec.SourcePostgres;
import io.sgstream.api.spec.SourceSGCluster;
import io.sgstream.api.spec.SourceSection;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.StreamPods;
import io.sgstream.api.spec.StreamSource;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetCloudEvent;
import io.sgstream.api.spec.TargetPgLambda;
import io.sgstream.api.spec.TargetSGCluster;
import io.sgstream.api.spec.TargetType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the rules of an SGStream that its types alone cannot express: required fields, the section that matches
 * each {@code type}, mutually exclusive fields, names, ranges, durations, URLs and regular expressions. Every
 * violation is reported with the path of its field; nothing stops at the first one.
 *
 * <p>{@link SGStreams} runs this after loading YAML; call it directly for an SGStream obtained otherwise (e.g. from
 * the Kubernetes API).
 */
public final class SGStreamValidator {

    /** StackGres's limit for SGStream names, which become part of longer resource names. */
    public static final int MAX_NAME_LENGTH = 56;
    /** PostgreSQL truncates identifiers (database, slot and publication names) beyond this many bytes. */
    public static final int MAX_IDENTIFIER_LENGTH = 63;

    static final List<String> SNAPSHOT_MODES = List.of(
            "always", "initial", "initial_only", "no_data", "when_needed", "configuration_based", "custom");
    static final List<String> PLUGIN_NAMES = List.of("pgoutput", "decoderbufs");

    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern OBJECT_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Pattern VOLUME_SIZE = Pattern.compile("[0-9]+(\\.[0-9]+)?(Mi|Gi|Ti)");
    /** Durations people write out of habit ("5s", "500ms", "2m"), to suggest the ISO-8601 form. */
    private static final Pattern SHORTHAND_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private final List<Violation> violations = new ArrayList<>();

    private SGStreamValidator() {
    }

    /** Every violation of {@code stream}, empty when it is valid. */
    public static List<Violation> validate(SGStream stream) {
        SGStreamValidator validator = new SGStreamValidator();
        validator.checkStream(stream);
        return List.copyOf(validator.violations);
    }

    /**
     * {@code stream} itself when it is valid.
     *
     * @throws InvalidSGStreamException listing every violation otherwise
     */
    public static SGStream requireValid(SGStream stream) {
        List<Violation> found = validate(stream);
        if (!found.isEmpty()) {
            throw new InvalidSGStreamException(StreamNames.namespace(stream) + "/"
                    + (stream.getMetadata() != null ? stream.getMetadata().getName() : null), found);
        }
        return stream;
    }

    private void checkStream(SGStream stream) {
        String name = stream.getMetadata() != null ? stream.getMetadata().getName() : null;
        if (isBlank(name)) {
            violation("metadata.name", "required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            violation("metadata.name",
                    "must be at most " + MAX_NAME_LENGTH + " characters (was " + name.length() + ")");
        } else if (!NAME.matcher(name).matches()) {
            violation("metadata.name", "must consist of lower-case letters, digits and '-', start with a letter"
                    + " and end with a letter or digit (was " + quote(name) + ")");
        }
        String namespace = stream.getMetadata() != null ? stream.getMetadata().getNamespace() : null;
        if (namespace != null
                && (namespace.length() > MAX_IDENTIFIER_LENGTH || !DNS_LABEL.matcher(namespace).matches())) {
            violation("metadata.namespace", "must be a DNS label: at most 63 lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit (was " + quote(namespace) + ")");
        }
        SGStreamSpec spec = stream.getSpec();
        if (spec == null) {
            violation("spec", "required");
            return;
        }
        checkSource("spec.source", spec.getSource());
        checkTarget("spec.target", spec.getTarget());
        if (spec.getMaxRetries() != null && spec.getMaxRetries() < SGStreamSpec.RETRY_FOREVER) {
            violation("spec.maxRetries", "must be -1 (retry forever) or more (was " + spec.getMaxRetries() + ")");
        }
        checkPods("spec.pods", spec.getPods());
    }

    // ---- source

    private void checkSource(String path, StreamSource source) {
        if (source == null) {
            violation(path, "required");
            return;
        }
        SourceType type = checkType(path, source.getType(), SourceType.fromValue(source.getType()).orElse(null),
                SourceType.allowedValues());
        String written = source.getType();
        checkSection(path, type != null, type == SourceType.SGCLUSTER, "sgCluster", source.getSgCluster(), written);
        checkSection(path, type != null, type == SourceType.POSTGRES, "postgres", source.getPostgres(), written);
        if (source.getSgCluster() != null) {
            SourceSGCluster cluster = source.getSgCluster();
            String at = path + ".sgCluster";
            checkObjectName(at + ".name", cluster.getName(), true);
            checkSourceSection(at, cluster);
        }
        if (source.getPostgres() != null) {
            checkPostgres(path + ".postgres", source.getPostgres());
        }
    }

    private void checkPostgres(String path, SourcePostgres postgres) {
        if (isBlank(postgres.getHost())) {
            violation(path + ".host", "required");
        }
        checkPort(path + ".port", postgres.getPort());
        if (!postgres.embedded()) {
            // StackGres documents them as optional but cannot connect without them: say so before it runs.
            if (postgres.getUsername() == null) {
                violation(path + ".username", "required for a Postgres source (only host: embedded may omit it)");
            }
            if (postgres.getPassword() == null) {
                violation(path + ".password", "required for a Postgres source (only host: embedded may omit it)");
            }
        }
        checkSourceSection(path, postgres);
        checkTls(path, postgres);
    }

    private void checkTls(String path, SourcePostgres postgres) {
        String mode = postgres.getSslMode();
        if (mode != null && !SourcePostgres.SSL_MODES.contains(mode)) {
            violation(path + ".sslMode", oneOf(String.join(", ", SourcePostgres.SSL_MODES), mode));
        }
        checkSelector(path + ".sslRootCert", postgres.getSslRootCert());
        checkSelector(path + ".sslCert", postgres.getSslCert());
        checkSelector(path + ".sslKey", postgres.getSslKey());
        if (postgres.getSslCert() != null && postgres.getSslKey() == null) {
            violation(path + ".sslKey", "required when sslCert is set (a client certificate needs its key)");
        }
        if (postgres.getSslKey() != null && postgres.getSslCert() == null) {
            violation(path + ".sslCert", "required when sslKey is set (a client key needs its certificate)");
        }
        if (("verify-ca".equals(mode) || "verify-full".equals(mode)) && postgres.getSslRootCert() == null) {
            violation(path + ".sslRootCert", "required when sslMode is " + mode
                    + " (the CA certificate that signs the server certificate)");
        }
    }

    private void checkSourceSection(String path, SourceSection section) {
        checkDatabase(path + ".database", section.getDatabase());
        checkSelector(path + ".username", section.getUsername());
        checkSelector(path + ".password", section.getPassword());
        checkPatterns(path + ".includes", section.getIncludes());
        checkPatterns(path + ".excludes", section.getExcludes());
        if (section.getIncludes() != null && section.getExcludes() != null) {
            violation(path + ".excludes", "must not be set together with includes (they are mutually exclusive)");
        }
        checkSourceDebezium(path + ".debeziumProperties", section.getDebeziumProperties());
    }

    private void checkSourceDebezium(String path, SourceDebeziumProperties properties) {
        if (properties == null) {
            return;
        }
        checkPgName(path + ".slotName", properties.getSlotName());
        checkPgName(path + ".publicationName", properties.getPublicationName());
        String plugin = properties.getPluginName();
        if (plugin != null && !PLUGIN_NAMES.contains(plugin)) {
            violation(path + ".pluginName", oneOf(String.join(", ", PLUGIN_NAMES), plugin));
        }
        String snapshotMode = properties.getSnapshotMode();
        if (snapshotMode != null && !SNAPSHOT_MODES.contains(snapshotMode.toLowerCase(Locale.ROOT))) {
            String hint = "never".equalsIgnoreCase(snapshotMode) ? "; Debezium 3 replaced never with no_data" : "";
            violation(path + ".snapshotMode", "must be one of " + String.join(", ", SNAPSHOT_MODES)
                    + " (was " + quote(snapshotMode) + hint + ")");
        }
    }

    // ---- target

    private void checkTarget(String path, StreamTarget target) {
        if (target == null) {
            violation(path, "required");
            return;
        }
        TargetType type = checkType(path, target.getType(), TargetType.fromValue(target.getType()).orElse(null),
                TargetType.allowedValues());
        String written = target.getType();
        checkSection(path, type != null, type == TargetType.CLOUD_EVENT, "cloudEvent", target.getCloudEvent(), written);
        checkSection(path, type != null, type == TargetType.PG_LAMBDA, "pgLambda", target.getPgLambda(), written);
        checkSection(path, type != null, type == TargetType.SGCLUSTER, "sgCluster", target.getSgCluster(), written);
        if (target.getCloudEvent() != null) {
            checkCloudEvent(path + ".cloudEvent", target.getCloudEvent(), type == TargetType.CLOUD_EVENT);
        }
        if (target.getPgLambda() != null) {
            checkPgLambda(path + ".pgLambda", target.getPgLambda(), type == TargetType.PG_LAMBDA);
        }
        if (target.getSgCluster() != null) {
            checkTargetCluster(path + ".sgCluster", target.getSgCluster());
        }
    }

    private void checkCloudEvent(String path, TargetCloudEvent cloudEvent, boolean selected) {
        checkFixed(path + ".format", cloudEvent.getFormat(), TargetCloudEvent.FORMAT_JSON);
        checkFixed(path + ".binding", cloudEvent.getBinding(), TargetCloudEvent.BINDING_HTTP);
        CloudEventHttp http = cloudEvent.getHttp();
        if (selected && (http == null || http.getUrl() == null)) {
            violation(path + ".http.url", "required when spec.target.type is CloudEvent");
        }
        checkHttp(path + ".http", http);
    }

    private void checkPgLambda(String path, TargetPgLambda pgLambda, boolean selected) {
        checkFixed(path + ".scriptType", pgLambda.getScriptType(), TargetPgLambda.SCRIPT_TYPE_JAVASCRIPT);
        if (selected && pgLambda.getScript() == null && pgLambda.getScriptFrom() == null) {
            violation(path + ".script", "required when spec.target.type is PgLambda (or set scriptFrom)");
        } else if (pgLambda.getScript() != null && pgLambda.getScriptFrom() != null) {
            violation(path + ".scriptFrom", "must not be set together with script (set exactly one)");
        }
        if (pgLambda.getScript() != null && pgLambda.getScript().isBlank()) {
            violation(path + ".script", "must not be empty");
        }
        PgLambdaScriptFrom from = pgLambda.getScriptFrom();
        if (from != null) {
            if (from.getSecretKeyRef() == null && from.getConfigMapKeyRef() == null) {
                violation(path + ".scriptFrom", "set one of secretKeyRef or configMapKeyRef");
            } else if (from.getSecretKeyRef() != null && from.getConfigMapKeyRef() != null) {
                violation(path + ".scriptFrom.configMapKeyRef",
                        "must not be set together with secretKeyRef (set exactly one)");
            }
            checkSelector(path + ".scriptFrom.secretKeyRef", from.getSecretKeyRef());
            checkConfigMapSelector(path + ".scriptFrom.configMapKeyRef", from.getConfigMapKeyRef());
        }
        if (pgLambda.getKnative() != null) {
            checkHttp(path + ".knative.http", pgLambda.getKnative().getHttp());
        }
    }

    private void checkTargetCluster(String path, TargetSGCluster cluster) {
        checkObjectName(path + ".name", cluster.getName(), true);
        checkDatabase(path + ".database", cluster.getDatabase());
        checkSelector(path + ".username", cluster.getUsername());
        checkSelector(path + ".password", cluster.getPassword());
        if (cluster.getDdlImportRoleSkipFilter() != null && cluster.getDdlImportRoleSkipFilter().isBlank()) {
            violation(path + ".ddlImportRoleSkipFilter", "must not be empty");
        }
        JdbcSinkDebeziumProperties sink = cluster.getDebeziumProperties();
        if (sink != null) {
            if ("kafka".equals(sink.getPrimaryKeyMode())) {
                violation(path + ".debeziumProperties.primaryKeyMode",
                        "must not be kafka (an SGCluster target takes keys from the record, not from Kafka)");
            }
            if (sink.getInsertMode() != null && !List.of("insert", "upsert", "update").contains(sink.getInsertMode())) {
                violation(path + ".debeziumProperties.insertMode",
                        oneOf("insert, upsert, update", sink.getInsertMode()));
            }
            if (sink.getBatchSize() != null && sink.getBatchSize() < 1) {
                violation(path + ".debeziumProperties.batchSize",
                        "must be 1 or more (was " + sink.getBatchSize() + ")");
            }
        }
    }

    private void checkHttp(String path, CloudEventHttp http) {
        if (http == null) {
            return;
        }
        if (http.getUrl() != null) {
            checkUrl(path + ".url", http.getUrl());
        }
        checkDuration(path + ".connectTimeout", http.getConnectTimeout());
        checkDuration(path + ".readTimeout", http.getReadTimeout());
        if (http.getRetryLimit() != null && http.getRetryLimit() < 0) {
            violation(path + ".retryLimit",
                    "must be 0 or more (was " + http.getRetryLimit() + "); leave it unset to retry forever");
        }
        if (http.getRetryBackoffDelay() != null && http.getRetryBackoffDelay() < 0) {
            violation(path + ".retryBackoffDelay",
                    "must be 0 or more seconds (was " + http.getRetryBackoffDelay() + ")");
        }
        if (http.getHeaders() != null) {
            http.getHeaders().keySet().stream().filter(SGStreamValidator::isBlank).findAny()
                    .ifPresent(blank -> violation(path + ".headers", "header names must not be empty"));
        }
    }

    // ---- pods

    private void checkPods(String path, StreamPods pods) {
        if (pods == null || pods.getPersistentVolume() == null) {
            return;
        }
        String size = pods.getPersistentVolume().getSize();
        if (size == null) {
            violation(path + ".persistentVolume.size", "required");
        } else if (!VOLUME_SIZE.matcher(size).matches()) {
            violation(path + ".persistentVolume.size",
                    "must be a number followed by Mi, Gi or Ti, such as 1Gi (was " + quote(size) + ")");
        }
    }

    // ---- shared rules

    /** Reports a missing or unknown type; returns the known type or null. */
    private <T> T checkType(String path, String value, T known, String allowed) {
        if (value == null) {
            violation(path + ".type", "required (one of " + allowed + ")");
        } else if (known == null) {
            violation(path + ".type", oneOf(allowed, value));
        }
        return known;
    }

    /** The section a type selects must be there; the others must not, so that what runs is what was written. */
    private void checkSection(String path, boolean typeKnown, boolean selected, String section, Object value,
            String type) {
        if (!typeKnown) {
            return; // the type itself is reported; which sections belong is unknowable
        }
        if (selected && value == null) {
            violation(path + "." + section, "required when " + path + ".type is " + type);
        } else if (!selected && value != null) {
            violation(path + "." + section, "must not be set when " + path + ".type is " + type);
        }
    }

    private void checkFixed(String path, String value, String only) {
        if (value != null && !only.equals(value)) {
            violation(path, "must be " + only + " (was " + quote(value) + ")");
        }
    }

    private void checkObjectName(String path, String name, boolean required) {
        if (name == null || name.isEmpty()) {
            if (required) {
                violation(path, "required");
            }
        } else if (name.length() > 253 || !OBJECT_NAME.matcher(name).matches()) {
            violation(path, "must be a Kubernetes object name: lower-case letters, digits, '-' and '.',"
                    + " starting and ending with a letter or digit (was " + quote(name) + ")");
        }
    }

    private void checkSelector(String path, SecretKeySelector selector) {
        if (selector != null) {
            checkKeyRef(path, selector.getName(), selector.getKey());
        }
    }

    private void checkConfigMapSelector(String path, ConfigMapKeySelector selector) {
        if (selector != null) {
            checkKeyRef(path, selector.getName(), selector.getKey());
        }
    }

    private void checkKeyRef(String path, String name, String key) {
        checkObjectName(path + ".name", name, true);
        if (key == null || key.isEmpty()) {
            violation(path + ".key", "required");
        } else if (!SECRET_KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
            violation(path + ".key", "must consist of letters, digits, '-', '_' or '.' (was " + quote(key) + ")");
        }
    }

    private void checkDatabase(String path, String database) {
        if (database == null) {
            return;
        }
        if (database.isBlank()) {
            violation(path, "must not be empty");
        } else if (database.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_LENGTH) {
            violation(path, "must be at most " + MAX_IDENTIFIER_LENGTH + " bytes, PostgreSQL's identifier limit");
        }
    }

    private void checkPgName(String path, String name) {
        if (name != null && !SLOT_NAME.matcher(name).matches()) {
            violation(path, "must consist of lower-case letters, digits and '_', at most " + MAX_IDENTIFIER_LENGTH
                    + " characters (was " + quote(name) + ")");
        }
    }

    private void checkPort(String path, Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            violation(path, "must be between 1 and 65535 (was " + port + ")");
        }
    }

    private void checkPatterns(String path, List<String> patterns) {
        if (patterns == null) {
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String at = path + "[" + i + "]";
            if (pattern == null || pattern.isEmpty()) {
                violation(at, "must not be empty");
                continue;
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                violation(at, "not a valid regular expression (" + e.getDescription() + " near index "
                        + e.getIndex() + ")");
            }
        }
    }

    private void checkUrl(String path, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || isBlank(uri.getHost())) {
                violation(path, "must be an absolute http or https URL (was " + quote(url) + ")");
            }
        } catch (URISyntaxException e) {
            violation(path, "must be an absolute http or https URL (was " + quote(url) + ": " + e.getReason() + ")");
        }
    }

    private void checkDuration(String path, String value) {
        if (value == null) {
            return;
        }
        try {
            if (Duration.parse(value).isNegative()) {
                violation(path, "must not be negative (was " + quote(value) + ")");
            }
        } catch (DateTimeParseException e) {
            Matcher shorthand = SHORTHAND_DURATION.matcher(value.trim());
            String hint = shorthand.matches() ? "; write " + quote(isoOf(shorthand)) : "";
            violation(path, "must be an ISO-8601 duration such as PT5S or PT1M30S (was " + quote(value) + hint + ")");
        }
    }

    private static String isoOf(Matcher shorthand) {
        BigDecimal amount = new BigDecimal(shorthand.group(1));
        long millisPerUnit = switch (shorthand.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue()).toString();
    }

    private static String oneOf(String allowed, String was) {
        return "must be one of " + allowed + " (was " + quote(was) + ")";
    }

    static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private void violation(String path, String message) {
        violations.add(new Violation(path, message));
    }
}
