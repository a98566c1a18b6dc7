package io.sgstream.broker.filter;

/** A CESQL expression that does not parse; the message carries the parser's own explanation. */
public final class InvalidCesqlException extends IllegalArgumentException {

    private final String expression;

    public InvalidCesqlException(String expression, String message, Throwable cause) {
        super(message, cause);
        this.expression = expression;
    }

    public String expression() {
        return expression;
    }
}
