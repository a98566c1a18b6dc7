package io.sgstream.broker.trigger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Knative eventing manifests (YAML or JSON, single or multi-document, files or whole directories) into the
 * typed fabric8 model, keeping {@code eventing.knative.dev/v1} Triggers and Brokers and ignoring every other kind,
 * so the same {@code knative/} directory that is applied to a cluster can be handed to the local broker.
 * {@code kind: List} documents are unpacked as kubectl does. Loading does not validate: see {@link TriggerValidator}.
 */
public final class TriggerLoader {

    static final String EVENTING_V1 = "eventing.knative.dev/v1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TriggerLoader() {
    }

    /** Loads a manifest file, or every {@code .yaml}/{@code .yml}/{@code .json} file under a directory (sorted). */
    public static KnativeManifests load(Path fileOrDirectory) {
        if (!Files.isDirectory(fileOrDirectory)) {
            return loadFile(fileOrDirectory);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.(ya?ml|json)"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list manifests under " + fileOrDirectory, e);
        }
        KnativeManifests all = KnativeManifests.empty();
        for (Path file : files) {
            all = all.plus(loadFile(file));
        }
        return all;
    }

    /** Parses manifest text; {@code origin} names it in error messages. */
    public static KnativeManifests parse(String yaml, String origin) {
        try {
            return read(YAML.getFactory().createParser(yaml), origin);
        } catch (IOException e) {
            throw new ManifestException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public static KnativeManifests read(InputStream in, String origin) {
        try {
            return read(YAML.getFactory().createParser(in), origin);
        } catch (IOException e) {
            throw new ManifestException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static KnativeManifests loadFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static KnativeManifests read(JsonParser parser, String origin) throws IOException {
        List<Trigger> triggers = new ArrayList<>();
        List<Broker> brokers = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(parser)) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                collect(node, origin + " (document " + document + ")", triggers, brokers);
            }
        } catch (RuntimeException e) {
            if (e instanceof ManifestException) {
                throw e;
            }
            // Jackson wraps syntax errors met while iterating in RuntimeJsonMappingException
            throw new ManifestException(origin + " (document " + (document + 1) + "): not valid YAML: "
                    + e.getMessage(), e);
        }
        return new KnativeManifests(triggers, brokers);
    }

    /** {@code spec.delivery.retry} from Jackson's reference path. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static void collect(JsonNode node, String where, List<Trigger> triggers, List<Broker> brokers) {
        if (node == null || !node.isObject()) {
            return; // empty document ("---" alone) or a scalar: nothing Kubernetes would apply
        }
        String kind = node.path("kind").asText("");
        String apiVersion = node.path("apiVersion").asText("");
        if (kind.endsWith("List") && node.path("items").isArray()) {
            for (JsonNode item : node.path("items")) {
                collect(item, where, triggers, brokers);
            }
            return;
        }
        if (!EVENTING_V1.equals(apiVersion)) {
            return;
        }
        try {
            if ("Trigger".equals(kind)) {
                triggers.add(YAML.treeToValue(node, Trigger.class));
            } else if ("Broker".equals(kind)) {
                brokers.add(YAML.treeToValue(node, Broker.class));
            }
        } catch (JsonMappingException e) {
            throw new ManifestException(where + ": " + kind + " does not match the eventing.knative.dev/v1 schema at "
                    + fieldPath(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ManifestException(where + ": " + kind + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
