package io.sgstream.pglambda.java;

import io.cloudevents.CloudEvent;
import io.sgstream.event.RowChange;
import io.sgstream.pglambda.Reply;

/**
 * A Java PgLambda run in-process (by the local runner, or a test) for every row change. Deployed Java functions are
 * Funqy functions made from {@code template-java/}; this is the same idea without HTTP.
 */
@FunctionalInterface
public interface ChangeFunction {

    /**
     * Handles one change.
     *
     * @param change the change, read through the event contract
     * @param event  the CloudEvent it came in
     * @return the event to emit in answer, or null to only acknowledge
     * @throws Exception to fail the event (the Broker retries it)
     */
    Reply apply(RowChange change, CloudEvent event) throws Exception;
}
