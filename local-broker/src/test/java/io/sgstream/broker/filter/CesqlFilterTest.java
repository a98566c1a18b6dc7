package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.sql.EvaluationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.sgstream.broker.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CESQL filters on CDC-shaped events. Extension values are strings, as every Trigger filter sees them after the
 * HTTP hop into a broker; integer comparisons cast them.
 */
class CesqlFilterTest {

    /** An insert into public.orders, as the capture service would send it. */
    private static final CloudEvent ORDER_INSERT = CloudEventBuilder.v1(
                    event("tx1-1", "io.sgstream.change", "/sgstream/default/orders-stream",
                            "op", "c", "schema", "public", "table", "orders", "lsn", "1500", "txid", "771",
                            "amount", "lots"))
            .withSubject("public.orders").build();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // extension attributes and equality
            "table = 'orders'                                    | PASS",
            "table = 'customers'                                 | FAIL",
            "op <> 'd'                                           | PASS",
            // LIKE on context and extension attributes
            "subject LIKE 'public.%'                             | PASS",
            "type LIKE 'io.sgstream._hange'                      | PASS",
            "source NOT LIKE '/sgstream/%/orders-stream'         | FAIL",
            // IN
            "op IN ('c', 'u')                                    | PASS",
            "op NOT IN ('c', 'u')                                | FAIL",
            // EXISTS
            "EXISTS txid                                         | PASS",
            "EXISTS snapshot                                     | FAIL",
            "NOT EXISTS snapshot                                 | PASS",
            // boolean logic
            "(op = 'c' OR op = 'u') AND NOT (schema = 'audit')   | PASS",
            "op = 'd' OR (table = 'orders' AND schema = 'public')| PASS",
            "op = 'd' XOR table = 'orders'                       | PASS",
            // integer comparison: the string extension is cast to an integer
            "INT(lsn) >= 1000                                    | PASS",
            "lsn > 1000                                          | PASS",
            "lsn < 1000                                          | FAIL",
            "txid = 771                                          | PASS",
            "lsn + 1 = 1501                                      | PASS",
    })
    void selectsEvents(String expression, FilterResult expected) {
        assertThat(filter(expression).filter(ORDER_INSERT)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} fails the filter")
    @CsvSource(delimiter = '|', value = {
            // type mismatch: 'lots' cannot be cast to an integer -> evaluation error -> the filter fails ...
            "amount > 100                       | CAST",
            // ... and still fails when negated: Knative fails on any evaluation error, whatever the value
            "NOT (amount > 100)                 | CAST",
            "amount = 100                       | CAST",
            // a missing attribute is an error too, even where the value would read true
            "missing = 'x'                      | MISSING_ATTRIBUTE",
            "NOT (missing = 'x')                | MISSING_ATTRIBUTE",
            // division by zero is only found per event (constant folding is off, as in Knative's parser)
            "1 / 0 = 0                          | MATH",
            "UNKNOWNFN(op) = 'c'                | MISSING_FUNCTION",
    })
    void evaluationErrorsFailTheFilter(String expression, EvaluationException.ErrorKind kind) {
        CesqlExpression parsed = CesqlExpression.parse(expression);

        assertThat(parsed.evaluate(ORDER_INSERT).firstErrorKind()).isEqualTo(kind);
        assertThat(new CesqlFilter(parsed).filter(ORDER_INSERT)).isEqualTo(FilterResult.FAIL);
    }

    @Test
    void anErrorLeftOfAnOrFailsTheFilterLikeKnativesGoEvaluator() {
        CesqlExpression expression = CesqlExpression.parse("missing = 'x' OR table = 'orders'");

        // cloudevents-sql's collecting mode drops the left error once the right side is true ...
        assertThat(expression.evaluate(ORDER_INSERT)).satisfies(r -> {
            assertThat(r.value()).isEqualTo(true);
            assertThat(r.failed()).isFalse();
        });
        // ... but Knative returns at the first error, so the filter must fail
        assertThat(new CesqlFilter(expression).filter(ORDER_INSERT)).isEqualTo(FilterResult.FAIL);
    }

    @Test
    void shortCircuitAvoidsTheErrorOfTheUnevaluatedSide() {
        assertThat(filter("table = 'orders' OR amount > 100").filter(ORDER_INSERT)).isEqualTo(FilterResult.PASS);
        assertThat(filter("table = 'nope' AND amount > 100").filter(ORDER_INSERT)).isEqualTo(FilterResult.FAIL);
    }

    @Test
    void nonBooleanResultSelectsNothing() {
        assertThat(filter("table").filter(ORDER_INSERT)).isEqualTo(FilterResult.FAIL);
        assertThat(filter("'true'").filter(ORDER_INSERT)).isEqualTo(FilterResult.FAIL);
    }

    @Test
    void timeIsSeenInGoRfc3339Form() {
        CloudEvent event = CloudEventBuilder.v1(ORDER_INSERT)
                .withTime(java.time.OffsetDateTime.parse("2024-05-06T07:08:00.120+02:00")).build();

        assertThat(CesqlExpression.parse("time").evaluate(event).value()).isEqualTo("2024-05-06T07:08:00.12+02:00");
        assertThat(filter("time LIKE '2024-05-06T07:08:00%'").filter(event)).isEqualTo(FilterResult.PASS);
    }

    @Test
    void syntaxErrorsAreRejectedAtParseWithTheParserMessage() {
        assertThatThrownBy(() -> CesqlExpression.parse("table LIKE"))
                .isInstanceOf(InvalidCesqlException.class)
                .hasMessage("syntax error at column 11: missing {DQUOTED_STRING_LITERAL, SQUOTED_STRING_LITERAL} "
                        + "at '<EOF>'");
        assertThatThrownBy(() -> CesqlExpression.parse("op = 'c' AND AND"))
                .isInstanceOf(InvalidCesqlException.class)
                .hasMessageStartingWith("syntax error at column 14: ");
        assertThatThrownBy(() -> CesqlExpression.parse("op = 'c' # comment"))
                .isInstanceOf(InvalidCesqlException.class)
                .hasMessageContaining("token recognition error at: '#'");
    }

    private static EventFilter filter(String expression) {
        return new CesqlFilter(CesqlExpression.parse(expression));
    }
}
