package io.sgstream.capture.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.event.EventCodec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Configuration of {@link HttpEventSink}: the fields of SGStream {@code spec.target.cloudEvent.http} plus what the
 * Knative SinkBinding contract injects ({@link #withKnativeEnvironment}).
 *
 * <p>{@code toString()} never prints credentials: values of {@code Authorization}, {@code Proxy-Authorization},
 * {@code Cookie} and of every header declared secret are redacted, and so is the URL's query string.
 *
 * @param url                     where events are POSTed (required; {@code K_SINK} wins over the SGStream url)
 * @param headers                 extra request headers (never {@code ce-*}, {@code Content-Type} or hop-by-hop ones)
 * @param secretHeaders           lower-case names of headers whose values came from Secrets
 * @param connectTimeout          TCP/TLS connect timeout; {@code null} = none (SGStream: unset or 0)
 * @param readTimeout             longest silence while waiting for the response of one attempt (an idle timeout:
 *                                it restarts whenever bytes arrive); when it passes the attempt counts as a transient
 *                                failure and is retried. {@code null} = none. The builder's default is
 *                                {@link #DEFAULT_READ_TIMEOUT}; {@code PT0S} turns it off
 * @param retryLimit              retries per event before it fails; {@code null} = retry forever
 * @param retryBackoffInitial     cap of the first retry delay (full jitter picks uniformly below the cap)
 * @param retryBackoffMax         the cap never grows beyond this (SGStream {@code retryBackoffDelay} seconds)
 * @param retryAfterMax           longest {@code Retry-After} honoured as is (longer values are shortened to it)
 * @param skipHostnameVerification trust a certificate whose names do not match the host (its chain is still checked)
 * @param trustedCertificatesPem  PEM bundles trusted in addition to the JDK's CAs (a Secret's CA, {@code K_CA_CERTS})
 * @param extensionOverrides      extension attributes set on every event ({@code K_CE_OVERRIDES})
 * @param maxInFlight             events sent concurrently; {@code send} blocks while this many are unacknowledged
 * @param closeTimeout            how long {@code close()} waits for unacknowledged events before failing them
 */
public record HttpSinkConfig(
        URI url,
        Map<String, String> headers,
        Set<String> secretHeaders,
        Duration connectTimeout,
        Duration readTimeout,
        Integer retryLimit,
        Duration retryBackoffInitial,
        Duration retryBackoffMax,
        Duration retryAfterMax,
        boolean skipHostnameVerification,
        List<String> trustedCertificatesPem,
        Map<String, String> extensionOverrides,
        int maxInFlight,
        Duration closeTimeout) {

    public static final String ENV_SINK = "K_SINK";
    public static final String ENV_CE_OVERRIDES = "K_CE_OVERRIDES";
    public static final String ENV_CA_CERTS = "K_CA_CERTS";

    /** SGStream's default {@code retryBackoffDelay}: 60 seconds. */
    public static final int DEFAULT_RETRY_BACKOFF_DELAY_SECONDS = 60;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final Duration DEFAULT_RETRY_AFTER_MAX = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default {@code readTimeout}: without one a single lost response (a proxy dropping it, a half-open connection)
     * stalls the stream forever, since the event can neither be acknowledged nor retried. 30 s is Knative's own
     * delivery timeout order of magnitude and far above a Broker ingress's normal answer time.
     */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** Headers that always carry credentials, whatever their source. */
    private static final Set<String> ALWAYS_SECRET = Set.of("authorization", "proxy-authorization", "cookie");
    /** Set by the CloudEvents binding or by the HTTP client itself: a user value would corrupt the request. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "connection", "expect",
            "host", "upgrade", "transfer-encoding", "keep-alive", "te", "trailer");
    /** CloudEvents attribute names: lower-case letters and digits (spec 1.0). */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]+");
    private static final Set<String> CONTEXT_ATTRIBUTES = Set.of("id", "source", "specversion", "type",
            "datacontenttype", "dataschema", "subject", "time", "data", "data_base64");
    private static final String REDACTED = "***";

    public HttpSinkConfig {
        Objects.requireNonNull(url, "url is required (SGStream spec.target.cloudEvent.http.url or K_SINK)");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("sink url must be an absolute http:// or https:// URL, was '"
                    + redact(url) + "'");
        }
        if (url.getRawUserInfo() != null) {
            // builder() moves user info into a secret Authorization header; a raw URL with it would leak into logs
            throw new IllegalArgumentException("sink url must not carry user info: give credentials as a secret header");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        headers.keySet().forEach(HttpSinkConfig::checkHeaderName);
        Set<String> secrets = new TreeSet<>();
        (secretHeaders == null ? Set.<String>of() : secretHeaders).forEach(h -> secrets.add(h.toLowerCase(Locale.ROOT)));
        secretHeaders = Collections.unmodifiableSet(secrets);
        connectTimeout = zeroIsNone(connectTimeout, "connectTimeout");
        readTimeout = zeroIsNone(readTimeout, "readTimeout");
        if (retryLimit != null && retryLimit < 0) {
            throw new IllegalArgumentException("retryLimit must be >= 0 (unset = retry forever), was " + retryLimit);
        }
        requirePositive(retryBackoffInitial, "retryBackoffInitial");
        requirePositive(retryBackoffMax, "retryBackoffMax");
        if (retryBackoffInitial.compareTo(retryBackoffMax) > 0) {
            retryBackoffInitial = retryBackoffMax;
        }
        requirePositive(retryAfterMax, "retryAfterMax");
        trustedCertificatesPem = List.copyOf(trustedCertificatesPem == null ? List.of() : trustedCertificatesPem);
        extensionOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(
                extensionOverrides == null ? Map.of() : extensionOverrides));
        extensionOverrides.forEach(HttpSinkConfig::checkExtension);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /**
     * The settings of SGStream {@code spec.target.cloudEvent.http} (or {@code pgLambda.knative.http}). A header value
     * may refer to Secrets as {@code ${secret:<name>/<key>}} (e.g. {@code Authorization: "Bearer
     * ${secret:sink-auth/token}"}): the reference is resolved here and the header is treated as a credential. A
     * missing url is fine when {@code K_SINK} will be applied ({@link Builder#knativeEnvironment}).
     */
    public static Builder fromSgStream(io.sgstream.api.spec.CloudEventHttp http, SecretResolver secrets) {
        Builder b = new Builder();
        if (http == null) {
            return b;
        }
        if (http.getUrl() != null && !http.getUrl().isBlank()) {
            b.url(http.getUrl());
        }
        if (http.getHeaders() != null) {
            http.getHeaders().forEach((name, value) -> {
                Optional<String> resolved = resolveReferences(name, value, secrets);
                if (resolved.isPresent()) {
                    b.secretHeader(name, resolved.get());
                } else {
                    b.header(name, value);
                }
            });
        }
        return b.connectTimeout(http.getConnectTimeout())
                .readTimeout(http.getReadTimeout())
                .retryLimit(http.getRetryLimit())
                .retryBackoffDelay(http.getRetryBackoffDelay())
                .skipHostnameVerification(http.getSkipHostnameVerification());
    }

    /** Whether this header's value is a credential that must never be printed. */
    public boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALWAYS_SECRET.contains(lower) || secretHeaders.contains(lower);
    }

    /** Values of secret headers, so a response body that echoes one can be scrubbed before it is shown. */
    List<String> secretValues() {
        List<String> values = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (isSecretHeader(name) && !value.isEmpty()) {
                values.add(value);
                int space = value.indexOf(' '); // "Bearer <token>": the token alone may be echoed too
                if (space > 0 && space < value.length() - 1) {
                    values.add(value.substring(space + 1));
                }
            }
        });
        return values;
    }

    /**
     * Applies the Knative SinkBinding contract: {@code K_SINK} replaces the url, {@code K_CE_OVERRIDES}
     * ({@code {"extensions": {"name": "value"}}}) adds or overrides extensions on every event, {@code K_CA_CERTS}
     * (PEM) is trusted in addition to the configured CAs.
     *
     * @param env the process environment (a map so tests need not change the real one)
     */
    public HttpSinkConfig withKnativeEnvironment(Map<String, String> env) {
        return toBuilder().knativeEnvironment(env).build();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        headers.forEach((name, value) -> {
            if (secretHeaders.contains(name.toLowerCase(Locale.ROOT))) {
                b.secretHeader(name, value);
            } else {
                b.header(name, value);
            }
        });
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.retryLimit = retryLimit;
        b.retryBackoffInitial = retryBackoffInitial;
        b.retryBackoffMax = retryBackoffMax;
        b.retryAfterMax = retryAfterMax;
        b.skipHostnameVerification = skipHostnameVerification;
        b.trustedCertificatesPem.addAll(trustedCertificatesPem);
        b.extensionOverrides.putAll(extensionOverrides);
        b.maxInFlight = maxInFlight;
        b.closeTimeout = closeTimeout;
        return b;
    }

    /** Reads {@code K_CE_OVERRIDES}: {@code {"extensions": {"name": "value", ...}}}. */
    static Map<String, String> parseCeOverrides(String json) {
        JsonNode root;
        try {
            root = EventCodec.JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(ENV_CE_OVERRIDES + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(ENV_CE_OVERRIDES + " must be a JSON object {\"extensions\": {...}}");
        }
        JsonNode extensions = root.path("extensions");
        if (extensions.isMissingNode() || extensions.isNull()) {
            return Map.of();
        }
        if (!extensions.isObject()) {
            throw new IllegalArgumentException(ENV_CE_OVERRIDES + ".extensions must be an object of name -> value");
        }
        Map<String, String> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = extensions.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw new IllegalArgumentException(ENV_CE_OVERRIDES + ".extensions." + e.getKey() + " must be a scalar");
            }
            result.put(e.getKey(), v.isNull() ? "" : v.asText());
        }
        return result;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((k, v) -> shown.put(k, isSecretHeader(k) ? REDACTED : v));
        return "HttpSinkConfig[url=" + redact(url) + ", headers=" + shown
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", retryLimit=" + (retryLimit == null ? "unlimited" : retryLimit)
                + ", retryBackoff=" + retryBackoffInitial + ".." + retryBackoffMax
                + ", retryAfterMax=" + retryAfterMax
                + ", skipHostnameVerification=" + skipHostnameVerification
                + ", trustedCertificates=" + trustedCertificatesPem.size() + " PEM bundle(s)"
                + ", extensionOverrides=" + extensionOverrides
                + ", maxInFlight=" + maxInFlight + ", closeTimeout=" + closeTimeout + "]";
    }

    /** The URL without query or fragment: query strings often carry API keys ({@code ?code=...}). */
    public static String redact(URI uri) {
        String s = (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                + (uri.getHost() == null ? "" : uri.getHost())
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return uri.getRawQuery() == null ? s : s + "?" + REDACTED;
    }

    private static URI parseUrl(String text, String what) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            // the input may hold credentials: name only the position of the problem
            throw new IllegalArgumentException(what + " is not a valid URL (at index " + e.getIndex() + ": "
                    + e.getReason() + ")");
        }
    }

    private static void checkHeaderName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ce-") || RESERVED.contains(lower)) {
            throw new IllegalArgumentException("header '" + name + "' cannot be configured: ce-* and Content-Type "
                    + "come from the event, the others from the HTTP client");
        }
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP token");
        }
    }

    private static void checkExtension(String name, String value) {
        if (!ATTRIBUTE_NAME.matcher(name).matches() || CONTEXT_ATTRIBUTES.contains(name)) {
            throw new IllegalArgumentException("extension override '" + name + "' is not a valid CloudEvents "
                    + "extension name (lower-case letters and digits, not a context attribute)");
        }
        Objects.requireNonNull(value, "value of extension override " + name);
    }

    /** A header value with its {@code ${secret:<name>/<key>}} references resolved; empty when it has none. */
    private static Optional<String> resolveReferences(String header, String value, SecretResolver secrets) {
        if (value == null) {
            throw new IllegalArgumentException("header '" + header + "' has no value");
        }
        boolean refers;
        try {
            refers = SecretResolver.hasReferences(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header '" + header + "': " + e.getMessage());
        }
        if (!refers) {
            return Optional.empty();
        }
        if (secrets == null) {
            throw new IllegalArgumentException("header '" + header + "' refers to a Secret but no secret resolver "
                    + "is configured");
        }
        return secrets.resolveReferences(value).map(SecretValue::reveal);
    }

    private static Duration zeroIsNone(Duration d, String what) {
        if (d == null || d.isZero()) {
            return null;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
        return d;
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
        }
    }

    /** Builds a config from SGStream-shaped values (ISO-8601 strings, seconds), with our defaults. */
    public static final class Builder {
        private URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> secretHeaders = new TreeSet<>();
        private Duration connectTimeout;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Integer retryLimit;
        private Duration retryBackoffInitial;
        private Duration retryBackoffMax;
        private Duration retryAfterMax = DEFAULT_RETRY_AFTER_MAX;
        private boolean skipHostnameVerification;
        private final List<String> trustedCertificatesPem = new ArrayList<>();
        private final Map<String, String> extensionOverrides = new LinkedHashMap<>();
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
            retryBackoffDelay(DEFAULT_RETRY_BACKOFF_DELAY_SECONDS);
        }

        /** The endpoint; user info ({@code http://user:pass@host}) becomes a secret Basic Authorization header. */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            URI parsed = parseUrl(url.trim(), "sink url");
            if (parsed.getRawUserInfo() != null) {
                // the JDK client ignores user info, and it must not be printed with the URL
                String basic = Base64.getEncoder().encodeToString(
                        decode(parsed.getRawUserInfo()).getBytes(StandardCharsets.UTF_8));
                secretHeader("Authorization", "Basic " + basic);
                parsed = parseUrl(url.trim().replaceFirst("//[^/?#]*@", "//"), "sink url");
            }
            this.url = parsed;
            return this;
        }

        /**
         * The Knative SinkBinding contract: {@code K_SINK} replaces the url, {@code K_CE_OVERRIDES}
         * ({@code {"extensions": {"name": "value"}}}) adds or overrides extensions on every event, {@code K_CA_CERTS}
         * (PEM) is trusted in addition to the configured CAs.
         *
         * @param env the process environment (a map so tests need not change the real one)
         */
        public Builder knativeEnvironment(Map<String, String> env) {
            String kSink = env.get(ENV_SINK);
            if (kSink != null && !kSink.isBlank()) {
                try {
                    url(kSink);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ENV_SINK + ": " + e.getMessage());
                }
            }
            String kOverrides = env.get(ENV_CE_OVERRIDES);
            if (kOverrides != null && !kOverrides.isBlank()) {
                extensionOverrides.putAll(parseCeOverrides(kOverrides));
            }
            trustCertificates(env.get(ENV_CA_CERTS));
            return this;
        }

        private static String decode(String rawUserInfo) {
            return java.net.URLDecoder.decode(rawUserInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        public Builder header(String name, String value) {
            headers.put(name, Objects.requireNonNull(value, "value of header " + name));
            return this;
        }

        /** A header whose value came from a Secret: sent, never printed. */
        public Builder secretHeader(String name, String value) {
            header(name, value);
            secretHeaders.add(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * A header that is a credential whatever it holds; {@code ${secret:<name>/<key>}} references in the value are
         * resolved, e.g. {@code "Bearer ${secret:sink-auth/token}"}.
         */
        public Builder secretHeader(String name, String value, SecretResolver secrets) {
            return secretHeader(name, resolveReferences(name, value, secrets).orElse(value));
        }

        public Builder headers(Map<String, String> values) {
            if (values != null) {
                values.forEach(this::header);
            }
            return this;
        }

        /** ISO-8601 ({@code PT5S}); null, blank or zero = no timeout, as in SGStream. */
        public Builder connectTimeout(String iso8601) {
            connectTimeout = parseDuration(iso8601, "connectTimeout");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = d;
            return this;
        }

        /**
         * ISO-8601 ({@code PT30S}); zero ({@code PT0S}) = no timeout, as in SGStream; null or blank keeps the default
         * ({@link #DEFAULT_READ_TIMEOUT}).
         */
        public Builder readTimeout(String iso8601) {
            Duration parsed = parseDuration(iso8601, "readTimeout");
            if (parsed != null) {
                readTimeout = parsed;
            }
            return this;
        }

        /** {@code null} or zero = no timeout. */
        public Builder readTimeout(Duration d) {
            readTimeout = d;
            return this;
        }

        /** Retries per event; null = retry forever. */
        public Builder retryLimit(Integer limit) {
            retryLimit = limit;
            return this;
        }

        /** SGStream semantics: the backoff grows from 10% of this many seconds up to all of it. */
        public Builder retryBackoffDelay(Integer seconds) {
            int s = seconds == null ? DEFAULT_RETRY_BACKOFF_DELAY_SECONDS : seconds;
            if (s < 1) {
                throw new IllegalArgumentException("retryBackoffDelay must be >= 1 second, was " + s);
            }
            return retryBackoff(Duration.ofMillis(s * 100L), Duration.ofSeconds(s));
        }

        /** Finer control than SGStream offers (tests, the local runner). */
        public Builder retryBackoff(Duration initial, Duration max) {
            retryBackoffInitial = initial;
            retryBackoffMax = max;
            return this;
        }

        public Builder retryAfterMax(Duration max) {
            retryAfterMax = max;
            return this;
        }

        public Builder skipHostnameVerification(Boolean skip) {
            skipHostnameVerification = Boolean.TRUE.equals(skip);
            return this;
        }

        /** A PEM bundle of CA certificates to trust (e.g. from a Secret). */
        public Builder trustCertificates(String pem) {
            if (pem != null && !pem.isBlank()) {
                trustedCertificatesPem.add(pem);
            }
            return this;
        }

        public Builder extensionOverride(String name, String value) {
            extensionOverrides.put(name, value);
            return this;
        }

        public Builder maxInFlight(int n) {
            maxInFlight = n;
            return this;
        }

        public Builder closeTimeout(Duration d) {
            closeTimeout = d;
            return this;
        }

        public HttpSinkConfig build() {
            if (url == null) {
                throw new IllegalArgumentException("the sink url is required: set spec.target.cloudEvent.http.url "
                        + "in the SGStream, or " + ENV_SINK + " (a Knative SinkBinding sets it)");
            }
            return new HttpSinkConfig(url, headers, secretHeaders, connectTimeout, readTimeout, retryLimit,
                    retryBackoffInitial, retryBackoffMax, retryAfterMax, skipHostnameVerification,
                    trustedCertificatesPem, extensionOverrides, maxInFlight, closeTimeout);
        }

        private static Duration parseDuration(String iso8601, String what) {
            if (iso8601 == null || iso8601.isBlank()) {
                return null;
            }
            try {
                return Duration.parse(iso8601.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + " must be an ISO-8601 duration such as PT5S, was '"
                        + iso8601 + "'");
            }
        }
    }
}
