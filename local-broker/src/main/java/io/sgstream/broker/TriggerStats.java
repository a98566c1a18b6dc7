package io.sgstream.broker;

/**
 * Counters of one Trigger at the time of a {@link BrokerStats} snapshot.
 *
 * @param delivered    successful subscriber deliveries (chaos duplicates included)
 * @param retried      retry attempts to the subscriber
 * @param deadLettered events handed to the deadLetterSink
 * @param dropped      events neither subscriber nor deadLetterSink acknowledged
 * @param duplicated   extra copies delivered by chaos mode
 * @param replies      reply events re-published to the broker
 * @param inFlight     events admitted from the ingress and still in delivery
 */
public record TriggerStats(long delivered, long retried, long deadLettered, long dropped, long duplicated,
                           long replies, int inFlight) {
}
