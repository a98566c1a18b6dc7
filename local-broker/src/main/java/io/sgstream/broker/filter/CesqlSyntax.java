package io.sgstream.broker.filter;

import io.cloudevents.sql.generated.CESQLParserLexer;
import io.cloudevents.sql.generated.CESQLParserParser;
import io.cloudevents.sql.impl.parser.CaseChangingCharStream;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Syntax check of a CESQL expression with the grammar generated in cloudevents-sql, reporting ANTLR's own
 * messages with their column. Needed because cloudevents-sql 4.0.1 turns some syntax errors (e.g. a missing
 * operand at the end) into a NullPointerException instead of a message, and lets lexer errors go to stderr.
 */
final class CesqlSyntax {

    private CesqlSyntax() {
    }

    /** The syntax errors, e.g. {@code column 11: mismatched input '<EOF>' expecting ...}; empty when valid. */
    static List<String> errors(String expression) {
        List<String> errors = new ArrayList<>();
        BaseErrorListener collector = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                                    int charPositionInLine, String msg, RecognitionException e) {
                errors.add("column " + (charPositionInLine + 1) + ": " + msg);
            }
        };
        // the grammar's keywords are upper case; the library parses through the same case-changing stream
        CESQLParserLexer lexer = new CESQLParserLexer(
                new CaseChangingCharStream(CharStreams.fromString(expression), true));
        lexer.removeErrorListeners();
        lexer.addErrorListener(collector);
        CESQLParserParser parser = new CESQLParserParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(collector);
        parser.cesql();
        return errors;
    }
}
