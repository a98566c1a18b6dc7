package io.sgstream.broker.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.sql.EvaluationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Table-driven run of the CESQL TCK subset in {@code /cesql/cesql-tck-subset.yaml} (transcribed from
 * cloudevents/spec cesql/cesql_tck, see the file header): the expression's value and first error kind, and the
 * Trigger filter decision Knative derives from them (pass only without error and with {@code true}).
 */
class CesqlTckTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> tckSubset() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/cesql/cesql-tck-subset.yaml")) {
            root = YAML.readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode suite : root.get("suites")) {
            for (JsonNode testCase : suite.get("tests")) {
                String name = suite.get("source").asText() + ": " + testCase.get("name").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> run(testCase)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(200);
        return tests.stream();
    }

    private static void run(JsonNode testCase) throws IOException {
        String expression = testCase.get("expression").asText();
        String error = testCase.hasNonNull("error") ? testCase.get("error").asText() : null;
        if ("parse".equals(error)) {
            assertThatThrownBy(() -> CesqlExpression.parse(expression)).isInstanceOf(InvalidCesqlException.class);
            return;
        }
        CesqlExpression parsed = CesqlExpression.parse(expression);
        CloudEvent event = inputEvent(testCase);
        CesqlResult result = parsed.evaluate(event);
        JsonNode expected = testCase.get("result");

        if (!testCase.path("filterOnly").asBoolean(false)) {
            if (expected != null) {
                assertThat(result.value()).as("value of %s", expression).isEqualTo(value(expected));
            }
            if (error == null) {
                assertThat(result.errors()).as("errors of %s", expression).isEmpty();
            } else {
                assertThat(result.firstErrorKind()).as("first error of %s", expression).isEqualTo(kind(error));
            }
        }
        boolean tckSaysPass = error == null && expected != null && expected.isBoolean() && expected.asBoolean();
        assertThat(new CesqlFilter(parsed).filter(event))
                .as("filter decision for %s", expression)
                .isEqualTo(tckSaysPass ? FilterResult.PASS : FilterResult.FAIL);
    }

    /** The TCK's event (JSON format), or a minimal valid one, with eventOverrides applied as typed attributes. */
    private static CloudEvent inputEvent(JsonNode testCase) throws IOException {
        CloudEvent event = testCase.has("event")
                ? new JsonFormat().deserialize(JSON.writeValueAsBytes(testCase.get("event")))
                : CloudEventBuilder.v1().withId("id").withSource(URI.create("/source")).withType("type").build();
        if (!testCase.has("eventOverrides")) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(event);
        testCase.get("eventOverrides").fields().forEachRemaining(entry -> {
            JsonNode v = entry.getValue();
            if (v.isBoolean()) {
                builder.withContextAttribute(entry.getKey(), v.asBoolean());
            } else if (v.isInt()) {
                builder.withContextAttribute(entry.getKey(), v.asInt());
            } else {
                builder.withContextAttribute(entry.getKey(), v.asText());
            }
        });
        return builder.build();
    }

    private static Object value(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt()) {
            return node.asInt();
        }
        return node.asText();
    }

    private static EvaluationException.ErrorKind kind(String tckError) {
        switch (tckError) {
            case "math":
                return EvaluationException.ErrorKind.MATH;
            case "cast":
                return EvaluationException.ErrorKind.CAST;
            case "missingAttribute":
                return EvaluationException.ErrorKind.MISSING_ATTRIBUTE;
            case "missingFunction":
                return EvaluationException.ErrorKind.MISSING_FUNCTION;
            case "functionEvaluation":
                return EvaluationException.ErrorKind.FUNCTION_EVALUATION;
            default:
                throw new IllegalArgumentException("TCK error kind " + tckError + " has no Java counterpart");
        }
    }
}
