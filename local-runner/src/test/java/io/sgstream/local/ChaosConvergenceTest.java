package io.sgstream.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3a: while an OLTP workload runs, the broker reorders deliveries and duplicates 30% of them; the target
 * still converges to the source, table by table. How long the workload runs comes from {@code -Dsgstream.chaos.duration}
 * (ISO-8601, default PT1M, passed through surefire) so a long soak is the same test: {@code -Dsgstream.chaos.duration=PT5M}.
 */
class ChaosConvergenceTest {

    static final String DURATION_PROPERTY = "sgstream.chaos.duration";

    @Test
    void oltpWorkloadConvergesWhenTheBrokerReordersAndDuplicatesDeliveries() {
        Duration duration = Duration.parse(System.getProperty(DURATION_PROPERTY, "PT1M"));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = new LocalRunner(RunnerOptions.parse(LocalRunnerTest.concat(LocalRunnerTest.STREAM, "--accounts", "2000",
                "--duration", duration.toString(), "--clients", "4", "--rate", "300", "--chaos", "--port", "0",
                "--catch-up-timeout", "PT10M")), out).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed); // the run's own report, for the soak's record
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("chaos: the broker duplicates", "Caught up", "source = target: 3 tables");
        Matcher duplicated = Pattern.compile("Trigger local-demo-apply: delivered ([0-9,]+), duplicated ([0-9,]+)").matcher(printed);
        assertThat(duplicated.find()).as(printed).isTrue();
        long delivered = Long.parseLong(duplicated.group(1).replace(",", ""));
        long duplicates = Long.parseLong(duplicated.group(2).replace(",", ""));
        // the chaos really happened: a good share of deliveries went twice
        assertThat(duplicates).as(printed).isGreaterThan(delivered / 10);
        Matcher transactions = Pattern.compile("Workload done: ([0-9,]+) source transactions").matcher(printed);
        assertThat(transactions.find()).as(printed).isTrue();
        assertThat(Long.parseLong(transactions.group(1).replace(",", ""))).isPositive();
    }
}
