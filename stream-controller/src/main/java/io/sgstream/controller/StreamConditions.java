package io.sgstream.controller;

import io.sgstream.api.SGStreamStatus;
import io.sgstream.api.status.StreamCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The conditions a {@link Verdict} leads to, with StackGres's types and reasons ({@code Running}, {@code Failed},
 * {@code Completed}; {@code OperationRunning}, {@code OperationNotFailed}…) plus the controller's own Failed reasons
 * {@value Verdict#INVALID_SPEC} and {@value Verdict#DEPENDENCY_NOT_FOUND}.
 *
 * <p>Division of labour: the controller owns {@code Running} (is the capture service up), its own Failed reasons
 * and the {@code failure} text that goes with them; a Failed condition with another reason (set by the capture
 * service) and {@code Completed} are left alone, except that Completed starts as False. A condition's
 * {@code lastTransitionTime} changes only when its status does.
 */
final class StreamConditions {

    private StreamConditions() {
    }

    /** A copy of {@code current} (may be null) with the conditions and failure {@code verdict} implies. */
    static SGStreamStatus next(SGStreamStatus current, Verdict verdict, String now) {
        SGStreamStatus next = new SGStreamStatus();
        List<StreamCondition> copies = new ArrayList<>();
        Optional.ofNullable(current).map(SGStreamStatus::getConditions).ifPresent(list -> list.forEach(c ->
                copies.add(StreamCondition.of(c.getType(), c.getStatus(), c.getReason(), c.getMessage(),
                        c.getLastTransitionTime()))));
        next.setConditions(copies);
        next.setFailure(current == null ? null : current.getFailure());

        Optional<StreamCondition> failed = next.condition(StreamCondition.FAILED);
        boolean completed = next.condition(StreamCondition.COMPLETED)
                .map(c -> StreamCondition.TRUE.equals(c.getStatus())).orElse(false);
        if (verdict instanceof Verdict.Rejected rejected) {
            put(next, StreamCondition.FAILED, StreamCondition.TRUE, rejected.reason(), rejected.message(), now);
            put(next, StreamCondition.RUNNING, StreamCondition.FALSE, StreamCondition.REASON_NOT_RUNNING,
                    "not started: see the Failed condition", now);
            next.setFailure(rejected.message());
        } else if (verdict instanceof Verdict.Realized realized) {
            if (failed.isEmpty() || Verdict.isOwnFailure(failed.get().getReason())) {
                if (failed.isPresent() && Objects.equals(next.getFailure(), failed.get().getMessage())) {
                    next.setFailure(null); // the failure text was ours and no longer holds
                }
                put(next, StreamCondition.FAILED, StreamCondition.FALSE, StreamCondition.REASON_NOT_FAILED, null, now);
            }
            if (completed) {
                put(next, StreamCondition.RUNNING, StreamCondition.FALSE, StreamCondition.REASON_NOT_RUNNING,
                        "the stream is completed", now);
            } else if (realized.captureAvailable()) {
                put(next, StreamCondition.RUNNING, StreamCondition.TRUE, StreamCondition.REASON_RUNNING,
                        "capture service " + realized.captureService() + " is available", now);
            } else {
                put(next, StreamCondition.RUNNING, StreamCondition.FALSE, StreamCondition.REASON_NOT_RUNNING,
                        "waiting for capture service " + realized.captureService() + " to be available", now);
            }
        }
        if (next.condition(StreamCondition.COMPLETED).isEmpty()) {
            put(next, StreamCondition.COMPLETED, StreamCondition.FALSE, StreamCondition.REASON_NOT_COMPLETED, null, now);
        }
        return next;
    }

    /** Whether the parts the controller writes differ. */
    static boolean differ(SGStreamStatus current, SGStreamStatus next) {
        List<StreamCondition> before = current == null || current.getConditions() == null ? List.of()
                : current.getConditions();
        String failure = current == null ? null : current.getFailure();
        return !before.equals(next.getConditions()) || !Objects.equals(failure, next.getFailure());
    }

    private static void put(SGStreamStatus status, String type, String value, String reason, String message,
            String now) {
        String since = status.condition(type).filter(c -> value.equals(c.getStatus()))
                .map(StreamCondition::getLastTransitionTime).orElse(now);
        status.putCondition(StreamCondition.of(type, value, reason, message, since));
    }
}
