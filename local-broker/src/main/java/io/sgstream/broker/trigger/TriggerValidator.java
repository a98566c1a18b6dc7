package io.sgstream.broker.trigger;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.sgstream.broker.delivery.IsoDuration;
import io.sgstream.broker.filter.CesqlExpression;
import io.sgstream.broker.filter.InvalidCesqlException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admission checks of the Knative webhook for Triggers (knative/eventing pkg/apis/eventing/v1/trigger_validation.go,
 * pkg/apis/duck/v1/delivery_types.go, knative.dev/pkg Destination), so a manifest the local broker accepts is one a
 * cluster accepts, and vice versa. Field paths are reported like Knative's ({@code spec.filters[2].cesql}).
 */
public final class TriggerValidator {

    /** Knative's {@code validAttributeName}: lowercase alphanumeric, starting with a letter. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z][a-z0-9]*$");

    private TriggerValidator() {
    }

    /** Throws {@link InvalidTriggerException} listing every error if the Trigger would be rejected. */
    public static void requireValid(Trigger trigger) {
        List<FieldError> errors = validate(trigger);
        if (!errors.isEmpty()) {
            throw new InvalidTriggerException(nameOf(trigger), errors);
        }
    }

    /** Validates all Triggers and throws one {@link InvalidTriggerException} naming every rejected one. */
    public static void requireValid(Collection<Trigger> triggers) {
        Map<String, List<FieldError>> rejected = new LinkedHashMap<>();
        for (Trigger trigger : triggers) {
            List<FieldError> errors = validate(trigger);
            if (!errors.isEmpty()) {
                rejected.merge(nameOf(trigger), errors, (a, b) -> {
                    List<FieldError> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            }
        }
        if (!rejected.isEmpty()) {
            throw new InvalidTriggerException(rejected);
        }
    }

    public static List<FieldError> validate(Trigger trigger) {
        List<FieldError> errors = new ArrayList<>();
        if (trigger.getMetadata() == null || isBlank(trigger.getMetadata().getName())) {
            errors.add(new FieldError("metadata.name", "missing field(s)"));
        }
        TriggerSpec spec = trigger.getSpec();
        if (spec == null) {
            errors.add(new FieldError("spec", "missing field(s)"));
            return errors;
        }
        validateBroker(spec, errors);
        if (spec.getFilter() != null) {
            validateAttributeNames(spec.getFilter().getAttributes(), "spec.filter.attributes", errors);
        }
        validateFilterList(spec.getFilters(), "spec.filters", errors);
        if (spec.getSubscriber() == null) {
            errors.add(new FieldError("spec.subscriber", "missing field(s)"));
        } else {
            validateDestination(spec.getSubscriber(), "spec.subscriber", errors);
        }
        errors.addAll(validateDelivery(spec.getDelivery(), "spec.delivery"));
        return errors;
    }

    /** Checks of a DeliverySpec (a Trigger's, or the Broker's default); null is valid. */
    public static List<FieldError> validateDelivery(DeliverySpec delivery, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (delivery == null) {
            return errors;
        }
        if (delivery.getDeadLetterSink() != null) {
            validateDestination(delivery.getDeadLetterSink(), path + ".deadLetterSink", errors);
        }
        if (delivery.getRetry() != null && delivery.getRetry() < 0) {
            errors.add(new FieldError(path + ".retry", "invalid value: " + delivery.getRetry()));
        }
        if (delivery.getTimeout() != null) {
            Optional<Duration> timeout = IsoDuration.parse(delivery.getTimeout());
            if (timeout.isEmpty() || timeout.get().isZero()) {
                errors.add(new FieldError(path + ".timeout", "invalid value: " + delivery.getTimeout()
                        + " (expected a non-zero ISO-8601 duration such as PT30S)"));
            }
        }
        if (delivery.getBackoffPolicy() != null
                && !"linear".equals(delivery.getBackoffPolicy())
                && !"exponential".equals(delivery.getBackoffPolicy())) {
            errors.add(new FieldError(path + ".backoffPolicy", "invalid value: " + delivery.getBackoffPolicy()
                    + " (expected linear or exponential)"));
        }
        if (delivery.getBackoffDelay() != null && IsoDuration.parse(delivery.getBackoffDelay()).isEmpty()) {
            errors.add(new FieldError(path + ".backoffDelay", "invalid value: " + delivery.getBackoffDelay()
                    + " (expected an ISO-8601 duration such as PT0.2S)"));
        }
        if (delivery.getFormat() != null
                && !"json".equals(delivery.getFormat()) && !"binary".equals(delivery.getFormat())) {
            errors.add(new FieldError(path + ".format", "invalid value: " + delivery.getFormat()
                    + " (expected json or binary)"));
        }
        if (delivery.getRetryAfterMax() != null) {
            errors.add(new FieldError(path + ".retryAfterMax", "must not set the field(s): the delivery-retryafter "
                    + "feature is disabled by default in Knative and not implemented by the local broker"));
        }
        return errors;
    }

    /** {@code namespace/name} (namespace {@code default} when unset, as kubectl applies it). */
    public static String nameOf(Trigger trigger) {
        if (trigger.getMetadata() == null) {
            return "default/<unnamed>";
        }
        String namespace = isBlank(trigger.getMetadata().getNamespace()) ? "default"
                : trigger.getMetadata().getNamespace();
        String name = isBlank(trigger.getMetadata().getName()) ? "<unnamed>" : trigger.getMetadata().getName();
        return namespace + "/" + name;
    }

    private static void validateBroker(TriggerSpec spec, List<FieldError> errors) {
        boolean hasName = !isBlank(spec.getBroker());
        KReference ref = spec.getBrokerRef();
        if (!hasName && ref == null) {
            errors.add(new FieldError("spec.broker", "missing field(s)"));
        } else if (hasName && ref != null) {
            errors.add(new FieldError("spec.broker", "expected exactly one, got both: broker, brokerRef"));
        }
        if (ref != null && !isBlank(ref.getNamespace())) {
            errors.add(new FieldError("spec.brokerRef.namespace", "must not set the field(s): only name, apiVersion "
                    + "and kind are supported fields when feature.CrossNamespaceEventLinks is disabled"));
        }
    }

    private static void validateAttributeNames(Map<String, String> attributes, String path, List<FieldError> errors) {
        if (attributes == null) {
            return;
        }
        for (String name : attributes.keySet()) {
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(new FieldError(path + "[" + name + "]", "invalid key name \"" + name
                        + "\": Attribute name must start with a letter and can only contain lowercase alphanumeric"));
            }
        }
    }

    /** Knative's {@code ValidateSingleAttributeMap}: exact, prefix and suffix each name one attribute. */
    private static void validateSingleAttribute(Map<String, String> expr, String path, List<FieldError> errors) {
        if (expr != null && expr.size() > 1) {
            errors.add(new FieldError(path, "Multiple items found, can have only one key-value"));
        }
        validateAttributeNames(expr, path, errors);
    }

    private static void validateFilterList(List<SubscriptionsAPIFilter> filters, String path, List<FieldError> errors) {
        if (filters == null) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            validateFilter(filters.get(i), path + "[" + i + "]", errors);
        }
    }

    private static void validateFilter(SubscriptionsAPIFilter filter, String path, List<FieldError> errors) {
        if (filter == null) {
            return;
        }
        if (dialectCount(filter) > 1) {
            errors.add(new FieldError(path, "multiple dialects found, filters can have only one dialect set"));
        }
        validateSingleAttribute(filter.getExact(), path + ".exact", errors);
        validateSingleAttribute(filter.getPrefix(), path + ".prefix", errors);
        validateSingleAttribute(filter.getSuffix(), path + ".suffix", errors);
        validateFilterList(filter.getAll(), path + ".all", errors);
        validateFilterList(filter.getAny(), path + ".any", errors);
        validateFilter(filter.getNot(), path + ".not", errors);
        if (!isBlank(filter.getCesql())) {
            try {
                CesqlExpression.parse(filter.getCesql());
            } catch (InvalidCesqlException e) {
                errors.add(new FieldError(path + ".cesql", "invalid CESQL expression \"" + filter.getCesql()
                        + "\": " + e.getMessage()));
            }
        }
    }

    /** Counts dialects as Knative's {@code hasMultipleDialects}: empty maps and lists do not count. */
    private static int dialectCount(SubscriptionsAPIFilter f) {
        int count = 0;
        count += f.getExact() != null && !f.getExact().isEmpty() ? 1 : 0;
        count += f.getPrefix() != null && !f.getPrefix().isEmpty() ? 1 : 0;
        count += f.getSuffix() != null && !f.getSuffix().isEmpty() ? 1 : 0;
        count += f.getAll() != null && !f.getAll().isEmpty() ? 1 : 0;
        count += f.getAny() != null && !f.getAny().isEmpty() ? 1 : 0;
        count += f.getNot() != null ? 1 : 0;
        count += !isBlank(f.getCesql()) ? 1 : 0;
        return count;
    }

    /** knative.dev/pkg {@code ValidateDestination}: a ref, or an absolute URI, or a ref plus a relative URI. */
    private static void validateDestination(Destination destination, String path, List<FieldError> errors) {
        KReference ref = destination.getRef();
        String uriText = destination.getUri();
        if (ref == null && uriText == null) {
            errors.add(new FieldError(path, "expected at least one, got none: ref, uri"));
            return;
        }
        URI uri = null;
        if (uriText != null) {
            try {
                uri = new URI(uriText);
            } catch (URISyntaxException e) {
                errors.add(new FieldError(path + ".uri", "invalid value: " + uriText + " (" + e.getReason() + ")"));
                return;
            }
        }
        if (ref != null && uri != null && uri.isAbsolute()) {
            errors.add(new FieldError(path + ".uri",
                    "Absolute URI is not allowed when Ref or [apiVersion, kind, name] is present"));
        }
        if (ref == null && (!uri.isAbsolute() || isBlank(uri.getHost()))) {
            errors.add(new FieldError(path + ".uri",
                    "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent"));
        }
        if (ref != null) {
            if (isBlank(ref.getName())) {
                errors.add(new FieldError(path + ".ref.name", "missing field(s)"));
            }
            if (isBlank(ref.getKind())) {
                errors.add(new FieldError(path + ".ref.kind", "missing field(s)"));
            }
            if (isBlank(ref.getApiVersion())) {
                errors.add(new FieldError(path + ".ref.apiVersion", "missing field(s)"));
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }
}
