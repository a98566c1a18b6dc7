package io.sgstream.pglambda;

/**
 * User code run for each whole event: a JavaScript script ({@link io.sgstream.pglambda.js.JsFunction}) or a Java
 * function ({@link io.sgstream.pglambda.java.JavaFunction}). Called concurrently from several threads.
 */
public interface UserFunction extends AutoCloseable {

    /**
     * Runs the function for one event.
     *
     * @throws FunctionFailure when the function threw, timed out or exceeded a limit (the event is retried)
     */
    FunctionResult apply(Delivery delivery) throws FunctionFailure;

    @Override
    void close();
}
