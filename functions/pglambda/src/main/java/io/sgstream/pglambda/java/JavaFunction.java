package io.sgstream.pglambda.java;

import io.sgstream.event.RowChange;
import io.sgstream.pglambda.Delivery;
import io.sgstream.pglambda.FunctionFailure;
import io.sgstream.pglambda.FunctionResult;
import io.sgstream.pglambda.UserFunction;

/**
 * Runs a {@link ChangeFunction} for row changes and acknowledges transaction ends and signals without calling it.
 * Java code is trusted: no time or memory limit is applied (a thread cannot be stopped safely).
 */
public final class JavaFunction implements UserFunction {

    private final ChangeFunction function;

    public JavaFunction(ChangeFunction function) {
        this.function = function;
    }

    @Override
    public FunctionResult apply(Delivery delivery) throws FunctionFailure {
        if (!(delivery.decoded() instanceof RowChange change)) {
            return FunctionResult.acknowledged();
        }
        try {
            var reply = function.apply(change, delivery.event());
            return reply == null ? FunctionResult.acknowledged() : FunctionResult.reply(reply);
        } catch (Exception e) {
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, "function threw " + e, e);
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
