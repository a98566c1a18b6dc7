package io.sgstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SGStream YAML into a validated {@link SGStream}, or fails with an {@link InvalidSGStreamException} listing
 * every problem with its path: YAML syntax, unknown fields (with a "did you mean" hint), values of the wrong type
 * and the rules of {@link SGStreamValidator}.
 *
 * <pre>{@code
 * SGStream stream = SGStreams.fromFile(Path.of("knative/examples/local-demo.yaml"));
 * }</pre>
 */
public final class SGStreams {

    private static final YAMLMapper MAPPER = createMapper();

    private SGStreams() {
    }

    /**
     * The SGStream in {@code yaml}, which must hold exactly one YAML document.
     *
     * @throws InvalidSGStreamException when it is not a valid SGStream
     */
    public static SGStream fromYaml(String yaml) {
        return parse(yaml, "YAML");
    }

    /**
     * The SGStream in {@code file}.
     *
     * @throws InvalidSGStreamException when it is not a valid SGStream
     * @throws IOException when the file cannot be read
     */
    public static SGStream fromFile(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** {@code stream} as YAML, without the fields that are unset. */
    public static String toYaml(SGStream stream) {
        try {
            return MAPPER.writeValueAsString(stream);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SGStream parse(String yaml, String origin) {
        List<Violation> violations = new ArrayList<>();
        JsonNode root = singleDocument(yaml, violations);
        if (root == null) {
            throw new InvalidSGStreamException("in " + origin, violations);
        }
        checkHeader(root, "apiVersion", SGStream.API_VERSION, violations);
        checkHeader(root, "kind", SGStream.KIND, violations);
        ProblemCollector problems = new ProblemCollector();
        SGStream stream = null;
        try (JsonParser tokens = MAPPER.treeAsTokens(root)) {
            stream = MAPPER.readerFor(SGStream.class).withHandler(problems).readValue(tokens);
        } catch (JsonMappingException e) {
            problems.fatal(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a tree in memory does not do I/O
        }
        violations.addAll(problems.violations());
        if (stream != null) {
            // a value Jackson already rejected would also look "missing" to the validator: report it once
            for (Violation rule : SGStreamValidator.validate(stream)) {
                if (violations.stream().noneMatch(found -> found.covers(rule.path()))) {
                    violations.add(rule);
                }
            }
        }
        if (!violations.isEmpty()) {
            JsonNode name = root.path("metadata").path("name");
            throw new InvalidSGStreamException((name.isTextual() ? "\"" + name.asText() + "\" " : "") + "in " + origin,
                    violations);
        }
        return stream;
    }

    private static JsonNode singleDocument(String yaml, List<Violation> violations) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            violations.add(new Violation("", "not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (documents.size() != 1) {
            violations.add(new Violation("", "expected one SGStream document, found " + documents.size()));
            return null;
        }
        JsonNode root = documents.get(0);
        if (!root.isObject()) {
            violations.add(new Violation("", "expected an SGStream object with apiVersion, kind, metadata and spec"));
            return null;
        }
        return root;
    }

    /** apiVersion and kind: checked here because {@code CustomResource} ignores whatever the YAML says. */
    private static void checkHeader(JsonNode root, String field, String expected, List<Violation> violations) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(field, "required (" + expected + ")"));
        } else if (value.isTextual() && !expected.equals(value.asText())) {
            violations.add(new Violation(field,
                    "must be " + expected + " (was " + SGStreamValidator.quote(value.asText()) + ")"));
        }
    }

    private static YAMLMapper createMapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                // a string such as "5432" must stay a string when read back
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
        YAMLMapper mapper = new YAMLMapper(factory);
        mapper.registerModule(new StrictScalars());
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }
}
