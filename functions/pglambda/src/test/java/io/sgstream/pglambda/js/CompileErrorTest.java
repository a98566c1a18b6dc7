package io.sgstream.pglambda.js;

import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A script that does not compile is rejected at start with its line and column; runtime errors say where too. */
class CompileErrorTest {

    private static ScriptCompileException compileError(String script) {
        return catchThrowableOfType(ScriptCompileException.class, () -> Scripts.lambda(script).close());
    }

    @Test
    void errorOnALaterLineHasItsLineAndColumn() {
        ScriptCompileException e = compileError("""
                const data = event.data;
                console.log(data);
                const total = data.after.amount +;
                response.end();
                """);

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(34);
        assertThat(e.scriptName()).isEqualTo("pglambda.js");
        assertThat(e.getMessage()).startsWith("pglambda.js does not compile at line 3, column 34: ");
        assertThat(e.detail()).isNotBlank().doesNotContain("pglambda.js:");
    }

    @Test
    void errorOnTheFirstLineHasTheUsersColumn() {
        ScriptCompileException e = compileError("let x = = 1;");

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(9);
    }

    @Test
    void unclosedBraceIsReportedAtTheEndOfTheScript() {
        ScriptCompileException e = compileError("if (change) {\n  reply('a.b', 1);");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(19);
    }

    @Test
    void aScriptThatClosesItsFunctionIsRejected() {
        ScriptCompileException e = compileError("}); (function () {");

        assertThat(e.getMessage()).contains("function body");
    }

    @Test
    void theScriptNameAppearsInErrors() {
        ScriptCompileException e = catchThrowableOfType(ScriptCompileException.class,
                () -> PgLambda.javascript("a b", Scripts.options(new Console()).withScriptName("handler.js"),
                        io.sgstream.pglambda.PgLambdaOptions.defaults()).close());

        assertThat(e.getMessage()).startsWith("handler.js does not compile at line 1, column 3");
    }

    @Test
    void aRuntimeErrorFailsTheEventWithItsLocationAndTheNextEventRuns() {
        try (PgLambda lambda = Scripts.lambda("""
                if (change.op === 'd') {
                  const gone = change.after.id;
                }
                response.end();
                """)) {
            Outcome failed = lambda.handle(TestEvents.delete(1, 1, 7));
            Outcome next = lambda.handle(TestEvents.insert(2, 1, 8, "bob", "1"));

            assertThat(failed.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.error()).startsWith("TypeError: ").contains("(pglambda.js:2:");
            assertThat(lambda.metrics().errors(io.sgstream.pglambda.FunctionFailure.Reason.ERROR)).isEqualTo(1);
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void aThrownValueIsTheError() {
        try (PgLambda lambda = Scripts.lambda("throw new Error('amount missing for order ' + change.key.id);")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(outcome.error()).isEqualTo("Error: amount missing for order 7 (pglambda.js:1:7)");
        }
    }
}
