package io.sgstream.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sgstream.api.InvalidSGStreamException;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads manifests the way the API server would judge them: each YAML document must be a kind we have a typed model
 * for, must not contain a field that model does not know (a typo the server would drop or reject), and Triggers
 * must obey Knative's admission rules (one filter dialect per list item, attribute names {@code [a-z][a-z0-9]*}).
 * SGStreams are loaded with sgstream-api's strict loader.
 */
final class ManifestCheck {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9]*");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** The problems of every document in {@code yaml}, each prefixed by {@code origin} and the document number. */
    List<String> check(String origin, String yaml) throws IOException {
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode document : documents(yaml)) {
            index++;
            if (document == null || document.isNull()) {
                continue;
            }
            String where = origin + " #" + index + " (" + document.path("kind").asText("?") + " "
                    + document.path("metadata").path("name").asText("?") + ")";
            check(document).forEach(p -> problems.add(where + ": " + p));
        }
        return problems;
    }

    /**
     * The documents of a YAML stream. SnakeYAML rather than Jackson's YAML tree reader: the CRD uses anchors and
     * aliases, which Jackson's tree model leaves unresolved; kubectl resolves them.
     */
    static List<JsonNode> documents(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10_000);
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
            documents.add(JSON.valueToTree(document));
        }
        return documents;
    }

    /** Counts the documents of each kind, for the test to show what it covered. */
    static String kindOf(JsonNode document) {
        return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    }

    private List<String> check(JsonNode document) throws IOException {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        if (SGStream.API_VERSION.equals(apiVersion) && SGStream.KIND.equals(kind)) {
            try {
                SGStreams.fromYaml(YAML.writeValueAsString(document));
                return List.of();
            } catch (InvalidSGStreamException e) {
                return e.violations().stream().map(Object::toString).toList();
            }
        }
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || type == GenericKubernetesResource.class) {
            return List.of("no typed model for " + apiVersion + " " + kind);
        }
        Object typed = serialization.convertValue(document, type);
        List<String> problems = new ArrayList<>();
        unknownFields(typed, "", problems);
        if (typed instanceof Trigger trigger && trigger.getSpec() != null) {
            for (int i = 0; i < trigger.getSpec().getFilters().size(); i++) {
                filterRules(trigger.getSpec().getFilters().get(i), "spec.filters[" + i + "]", problems);
            }
        }
        return problems;
    }

    static void filterRules(SubscriptionsAPIFilter filter, String path, List<String> problems) {
        int dialects = (filter.getExact().isEmpty() ? 0 : 1) + (filter.getPrefix().isEmpty() ? 0 : 1)
                + (filter.getSuffix().isEmpty() ? 0 : 1) + (filter.getAll().isEmpty() ? 0 : 1)
                + (filter.getAny().isEmpty() ? 0 : 1) + (filter.getNot() == null ? 0 : 1)
                + (filter.getCesql() == null ? 0 : 1);
        if (dialects != 1) {
            problems.add(path + ": " + dialects + " filter dialects, Knative requires exactly one per item");
        }
        for (Map<String, String> attributes : List.of(filter.getExact(), filter.getPrefix(), filter.getSuffix())) {
            attributes.keySet().stream().filter(a -> !ATTRIBUTE.matcher(a).matches())
                    .forEach(a -> problems.add(path + ": attribute name '" + a + "' is not [a-z][a-z0-9]*"));
        }
        for (int i = 0; i < filter.getAll().size(); i++) {
            filterRules(filter.getAll().get(i), path + ".all[" + i + "]", problems);
        }
        for (int i = 0; i < filter.getAny().size(); i++) {
            filterRules(filter.getAny().get(i), path + ".any[" + i + "]", problems);
        }
        if (filter.getNot() != null) {
            filterRules(filter.getNot(), path + ".not", problems);
        }
    }

    /** Fields the typed model kept aside in an {@code additionalProperties} map: the model does not know them. */
    static void unknownFields(Object value, String path, List<String> problems) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = invoke(getter, value);
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (name.equals("additionalProperties") && field instanceof Map<?, ?> extra) {
                if (!extra.isEmpty()) {
                    problems.add((path.isEmpty() ? "" : path.substring(1) + ": ") + "unknown field(s) " + extra.keySet());
                }
            } else {
                unknownFields(field, path + "." + name, problems);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + ": " + e, e);
        }
    }
}
