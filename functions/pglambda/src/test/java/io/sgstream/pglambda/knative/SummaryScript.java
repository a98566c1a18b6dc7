package io.sgstream.pglambda.knative;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service under test runs this script: a summary of each order change as a reply event (amount change in cents),
 * nothing for other events, and two misbehaviours on demand (customer "boom" throws, "loop" never ends). Tests
 * sharing this profile share one running service.
 */
public class SummaryScript implements QuarkusTestProfile {

    public static final String SCRIPT = """
            if (change === null) { return; }
            const row = change.after || change.before;
            if (row.customer === 'boom') { throw new Error('boom for ' + change.key.id); }
            if (row.customer === 'loop') { while (true) {} }
            const cents = r => r && r.amount != null ? Math.round(Number(r.amount) * 100) : 0;
            reply('com.example.order.changed', {
              order: change.key.id, op: change.op, customer: row.customer === undefined ? null : row.customer,
              amount: change.after ? change.after.amount : null, cents: cents(change.after) - cents(change.before)
            });
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sgstream.pglambda.timeout", "3s", // the other events must finish within it on a loaded CI machine
                "sgstream.pglambda.contexts", "2",
                "sgstream.pglambda.script", SCRIPT);
    }
}
