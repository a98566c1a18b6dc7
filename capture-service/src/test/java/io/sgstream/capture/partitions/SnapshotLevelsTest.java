package io.sgstream.capture.partitions;

import io.sgstream.capture.partitions.PartitionTree.Relation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The level each row is read at, for trees and publications the real-database test does not build. */
class SnapshotLevelsTest {

    // s.root ⟶ s.mid ⟶ {s.a, s.b}; s.root ⟶ s.c; s.plain alone
    static final Relation ROOT = new Relation(1, "s", "root", true, 0);
    static final Relation MID = new Relation(2, "s", "mid", true, 1);
    static final Relation A = new Relation(3, "s", "a", false, 2);
    static final Relation B = new Relation(4, "s", "b", false, 2);
    static final Relation C = new Relation(5, "s", "c", false, 1);
    static final Relation PLAIN = new Relation(6, "s", "plain", false, 0);
    static final PartitionTree TREE = new PartitionTree(List.of(ROOT, MID, A, B, C, PLAIN));

    static SnapshotLevels plan(Predicate<Relation> captured, Predicate<Relation> inPublication, boolean viaRoot) {
        return SnapshotLevels.plan(TREE, captured, viaRoot, SnapshotLevels.publishedAs(TREE, inPublication, viaRoot));
    }

    @Test
    void viaRootTheTopmostCapturedLevelReadsItsTreeEvenBelowAnUncapturedRoot() {
        Predicate<Relation> captured = r -> r != ROOT;
        SnapshotLevels levels = plan(captured, captured, true);
        assertThat(levels.read()).containsExactly(MID, C, PLAIN);
        assertThat(levels.excluded()).isEmpty();
        assertThat(levels.warnings()).isEmpty();
    }

    @Test
    void withoutViaRootTheLeavesAreReadAndNoPartitionedTable() {
        SnapshotLevels levels = plan(r -> true, r -> true, false);
        assertThat(levels.read()).containsExactly(A, B, C, PLAIN);
    }

    @Test
    void aPublicationOfAllTablesViaRootPublishesUnderTheRootTheFilterLeavesOut() {
        Predicate<Relation> captured = r -> r == MID || r == A || r == C;
        SnapshotLevels levels = plan(captured, r -> true, true);
        // each leaf once, through its topmost captured level, and a warning that its changes go by the root's name
        assertThat(levels.read()).containsExactly(MID, C);
        assertThat(levels.excluded()).isEmpty();
        assertThat(levels.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("published as s.root"));
    }

    @Test
    void aRootCapturedWithSomeOfItsLeavesReadsTheOthersThroughASelectThatLeavesTheCapturedOut() {
        Predicate<Relation> captured = r -> r == ROOT || r == A;
        SnapshotLevels levels = plan(captured, captured, false);
        assertThat(levels.read()).containsExactly(ROOT, A); // the tree's order
        assertThat(levels.excluded()).isEqualTo(Map.of(ROOT, List.of(A)));
        assertThat(levels.select(ROOT)).isEqualTo("SELECT * FROM \"s\".\"root\" WHERE tableoid NOT IN (3)");

        Map<String, String> properties = new HashMap<>(Map.of("snapshot.select.statement.overrides", "s.other",
                "snapshot.select.statement.overrides.s.other", "SELECT 1"));
        assertThat(PartitionedSnapshot.apply(levels, properties)).containsExactly("s.root", "s.a");
        assertThat(properties).containsEntry("snapshot.include.collection.list", "s\\.root,s\\.a")
                .containsEntry("snapshot.select.statement.overrides", "s.other,s.root")
                .containsEntry("snapshot.select.statement.overrides.s.root", levels.select(ROOT))
                .containsEntry("snapshot.select.statement.overrides.s.other", "SELECT 1");
    }

    @Test
    void aPublicationListedByTheServerDecidesTheLevel() {
        SnapshotLevels levels = SnapshotLevels.plan(TREE, r -> true, true,
                SnapshotLevels.publishedAs(TREE, Set.of("s.mid", "s.c", "s.plain")));
        assertThat(levels.read()).containsExactly(MID, C, PLAIN);
    }

    @Test
    void theStreamsOwnSnapshotListNarrowsTheTablesRead() {
        Map<String, String> properties = new HashMap<>(Map.of("snapshot.include.collection.list", "S\\.(a|plain)"));
        assertThat(PartitionedSnapshot.apply(plan(r -> true, r -> true, false), properties))
                .containsExactly("s.a", "s.plain");
        assertThat(properties).containsEntry("snapshot.include.collection.list", "s\\.a,s\\.plain");
        assertThat(PartitionedSnapshot.regex("we-ird.t$x")).isEqualTo("we\\-ird\\.t\\$x");
    }
}
