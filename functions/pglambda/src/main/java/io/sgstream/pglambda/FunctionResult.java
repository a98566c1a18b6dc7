package io.sgstream.pglambda;

/**
 * What a user function answered for one event.
 *
 * @param status  HTTP status the function chose (a reply forces 200)
 * @param reply   the event to emit, or null
 * @param dropped the function called {@code drop()}: acknowledge and emit nothing
 * @param body    text the function wrote to the response; only kept as the reason of an error status
 */
public record FunctionResult(int status, Reply reply, boolean dropped, String body) {

    public static FunctionResult acknowledged() {
        return new FunctionResult(204, null, false, "");
    }

    public static FunctionResult reply(Reply reply) {
        return new FunctionResult(200, reply, false, "");
    }
}
