package io.sgstream.capture.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {

    private final AckTracker tracker = new AckTracker();

    private static StreamPosition tx(long n) {
        return new StreamPosition("e", n);
    }

    @Test
    void releasesACommitPointOnlyWhenEverythingBeforeItIsAcknowledged() {
        AckTracker.Segment a1 = tracker.track();
        AckTracker.Segment a2 = tracker.track();
        tracker.close("end-1", tx(1));
        AckTracker.Segment b1 = tracker.track();
        tracker.close("end-2", tx(2));
        AckTracker.Segment c1 = tracker.track();
        tracker.close("end-3", tx(3));

        tracker.acknowledged(b1);
        tracker.acknowledged(c1);
        tracker.acknowledged(a2);
        assertThat(tracker.takeCommittable()).as("tx 1 still has an event out").isNull();
        assertThat(tracker.inFlight()).isEqualTo(1);

        tracker.acknowledged(a1);
        assertThat(tracker.takeCommittable()).isEqualTo(new AckTracker.Committable("end-3", tx(3)));
        assertThat(tracker.takeCommittable()).isNull();
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void aFailedEventBlocksEverythingAfterIt() {
        AckTracker.Segment a = tracker.track();
        tracker.close("end-1", tx(1));
        AckTracker.Segment b = tracker.track();
        tracker.close("end-2", tx(2));
        AckTracker.Segment c = tracker.track();
        tracker.close("end-3", tx(3));
        tracker.acknowledged(a);
        tracker.failed(b);
        tracker.acknowledged(c);
        assertThat(tracker.takeCommittable()).isEqualTo(new AckTracker.Committable("end-1", tx(1)));
        assertThat(tracker.takeCommittable()).isNull();
    }

    @Test
    void boundariesWithoutEventsMoveThePreviousCommitPointAndQueuedCompleteSegmentsFold() {
        AckTracker.Segment head = tracker.track();
        tracker.close("end-1", tx(1));
        tracker.close("heartbeat", tx(1)); // no events: commit with tx 1
        AckTracker.Segment second = tracker.track();
        tracker.close("end-2", tx(2));
        tracker.acknowledged(second);
        AckTracker.Segment third = tracker.track();
        tracker.close("end-3", tx(3)); // tx 2 is complete but waits behind tx 1: folded into tx 3
        assertThat(tracker.takeCommittable()).isNull();
        tracker.acknowledged(head);
        assertThat(tracker.takeCommittable()).isEqualTo(new AckTracker.Committable("heartbeat", tx(1)));
        tracker.acknowledged(third);
        assertThat(tracker.takeCommittable()).isEqualTo(new AckTracker.Committable("end-3", tx(3)));
    }
}
