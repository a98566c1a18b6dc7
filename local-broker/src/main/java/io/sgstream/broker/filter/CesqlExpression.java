package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationException;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.Parser;
import io.cloudevents.sql.Result;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed CESQL v1 expression (cloudevents-sql), ready to evaluate on any number of events concurrently.
 *
 * <p>Constant folding is disabled on purpose: with it, the Java parser evaluates constant sub-expressions and
 * rejects e.g. {@code 1 / 0 = 0} at parse time, while Knative's Go parser only reports syntax errors and lets such
 * an expression fail per event. Parsing must accept exactly what the Knative webhook accepts.
 */
public final class CesqlExpression {

    private static final Parser PARSER = Parser.builder().disableConstantFolding().build();

    private final String text;
    private final Expression expression;

    private CesqlExpression(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /** Parses the expression; throws {@link InvalidCesqlException} with the parser's explanation if it is invalid. */
    public static CesqlExpression parse(String text) {
        List<String> syntaxErrors = CesqlSyntax.errors(text);
        if (!syntaxErrors.isEmpty()) {
            throw new InvalidCesqlException(text, "syntax error at " + String.join("; ", syntaxErrors), null);
        }
        try {
            return new CesqlExpression(text, PARSER.parse(text));
        } catch (RuntimeException e) {
            // ParseException normally; anything else the generated parser throws means "invalid" too, as Knative's
            // webhook treats a panicking parser.
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidCesqlException(text, reason, e);
        }
    }

    /**
     * Knative's filter decision: true only if the evaluation raises no error and yields {@code true}. Evaluates in
     * fail-fast mode, like Knative's Go evaluator which returns at the first error: the collecting mode of
     * {@link #evaluate} forgets an error on the left of an {@code OR} whose right side is true.
     */
    public boolean matches(CloudEvent event) {
        try {
            Object value = expression.tryEvaluate(EvaluationRuntime.getDefault(), new CesqlEventView(event));
            return Boolean.TRUE.equals(value);
        } catch (EvaluationException e) {
            return false;
        }
    }

    /** The value and every error, as the CESQL TCK describes results. */
    public CesqlResult evaluate(CloudEvent event) {
        Result result = expression.evaluate(EvaluationRuntime.getDefault(), new CesqlEventView(event));
        return new CesqlResult(result.value(), new ArrayList<>(result.causes()));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
