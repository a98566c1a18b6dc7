package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;
import io.sgstream.event.StreamEvent;

/**
 * One whole event handed to a user function.
 *
 * @param event   the CloudEvent (reassembled if it arrived in parts)
 * @param decoded the same event read through the contract
 * @param request the HTTP request that carried it, or null when it was handed over in-process (a script then sees
 *                the request a Broker would have sent in binary mode)
 */
public record Delivery(CloudEvent event, StreamEvent decoded, InboundRequest request) {
}
