package io.sgstream.broker.filter;

import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a Trigger's filters once, with Knative's rules (knative/eventing pkg/eventfilter/subscriptionsapi/
 * create.go and pkg/broker/filter/filter_handler.go {@code filterEvent}):
 * <ul>
 *   <li>a non-empty {@code spec.filters} wins over {@code spec.filter}; its elements are ANDed;</li>
 *   <li>each element uses its first set dialect in the order exact, prefix, suffix, all, any, not, cesql
 *       (validation guarantees there is only one);</li>
 *   <li>an element Knative cannot build (no dialect, or an empty attribute name/value in exact/prefix/suffix) is
 *       skipped with a warning, as Knative does, rather than failing the Trigger.</li>
 * </ul>
 * CESQL expressions must already have been validated ({@code TriggerValidator}); they are parsed here once.
 */
public final class TriggerFilters {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerFilters.class);

    private TriggerFilters() {
    }

    public static EventFilter compile(String triggerName, TriggerSpec spec) {
        if (spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            return AllFilter.of(compileList(triggerName, "spec.filters", spec.getFilters()));
        }
        if (spec.getFilter() != null) {
            return new LegacyAttributesFilter(spec.getFilter().getAttributes());
        }
        return EventFilter.none();
    }

    private static List<EventFilter> compileList(String trigger, String path, List<SubscriptionsAPIFilter> filters) {
        List<EventFilter> compiled = new ArrayList<>(filters.size());
        for (int i = 0; i < filters.size(); i++) {
            String elementPath = path + "[" + i + "]";
            EventFilter filter = compileElement(trigger, elementPath, filters.get(i));
            if (filter == null) {
                LOG.warn("Trigger {}: {} has no usable dialect (or an empty attribute name/value); skipped as Knative "
                        + "does, so it constrains nothing", trigger, elementPath);
            } else {
                compiled.add(filter);
            }
        }
        return compiled;
    }

    /** One element, or null where Knative's materializer returns nil. */
    private static EventFilter compileElement(String trigger, String path, SubscriptionsAPIFilter f) {
        if (f == null) {
            return null;
        }
        if (notEmpty(f.getExact())) {
            return AttributeMatchFilter.of(AttributeMatchFilter.Dialect.EXACT, f.getExact()).orElse(null);
        }
        if (notEmpty(f.getPrefix())) {
            return AttributeMatchFilter.of(AttributeMatchFilter.Dialect.PREFIX, f.getPrefix()).orElse(null);
        }
        if (notEmpty(f.getSuffix())) {
            return AttributeMatchFilter.of(AttributeMatchFilter.Dialect.SUFFIX, f.getSuffix()).orElse(null);
        }
        if (f.getAll() != null && !f.getAll().isEmpty()) {
            return AllFilter.of(compileList(trigger, path + ".all", f.getAll()));
        }
        if (f.getAny() != null && !f.getAny().isEmpty()) {
            return AnyFilter.of(compileList(trigger, path + ".any", f.getAny()));
        }
        if (f.getNot() != null) {
            EventFilter inner = compileElement(trigger, path + ".not", f.getNot());
            if (inner == null) {
                LOG.warn("Trigger {}: {}.not has no usable dialect; as on Knative the negation then delivers every "
                        + "event", trigger, path);
            }
            return new NotFilter(inner);
        }
        if (f.getCesql() != null && !f.getCesql().isEmpty()) {
            return new CesqlFilter(CesqlExpression.parse(f.getCesql()));
        }
        return null;
    }

    private static boolean notEmpty(Map<String, String> map) {
        return map != null && !map.isEmpty();
    }
}
