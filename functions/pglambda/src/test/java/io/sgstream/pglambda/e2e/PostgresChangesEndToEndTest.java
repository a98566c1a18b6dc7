package io.sgstream.pglambda.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventTypes;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.js.Console;
import io.sgstream.pglambda.js.Scripts;
import io.sgstream.pglambda.knative.SummaryScript;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes made by SQL on a real PostgreSQL, as events of the contract, through the summary script in-process (as the
 * local runner runs it), delivered in shuffled order with duplicates as a Broker may: summing the replies per order
 * gives back exactly each order's amount in the database, and deleted orders sum to zero.
 */
class PostgresChangesEndToEndTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void repliesOfTheScriptAddUpToTheDatabase() throws Exception {
        String db = PG.createDatabase("pglambda");
        OrdersDatabase orders = new OrdersDatabase(PG.server(), db);
        PG.execute(db, "INSERT INTO orders VALUES (1, 'ann', 10.00), (2, 'bob', 20.50)");
        orders.snapshot();
        orders.transaction(OrdersDatabase.insert(3, "carl", "7.25"), OrdersDatabase.updateAmount(1, "12.00"));
        orders.transaction(OrdersDatabase.updateAmount(3, "8.00"));
        orders.transaction(OrdersDatabase.delete(2));
        orders.transaction(OrdersDatabase.insert(4, "dora", "NULL"), OrdersDatabase.updateAmount(4, "1.99"),
                OrdersDatabase.delete(1));

        List<CloudEvent> deliveries = new ArrayList<>(orders.events());
        deliveries.addAll(orders.events().subList(0, 4)); // redelivered
        Collections.shuffle(deliveries, new Random(42));

        Map<String, JsonNode> repliesById = new TreeMap<>();
        try (PgLambda lambda = PgLambda.javascript(SummaryScript.SCRIPT, Scripts.options(new Console()), PgLambdaOptions.defaults())) {
            for (CloudEvent event : deliveries) {
                Outcome outcome = lambda.handle(event);
                if (EventTypes.CHANGE.equals(event.getType())) {
                    assertThat(outcome.kind()).as(outcome.error()).isEqualTo(Outcome.Kind.REPLIED);
                    assertThat(outcome.reply().getId()).isEqualTo(event.getId());
                    assertThat(outcome.reply().getType()).isEqualTo("com.example.order.changed");
                    assertThat(outcome.reply().getSource().toString()).isEqualTo("/sgstream/shop/orders-stream/pglambda");
                    // a consumer deduplicates replies by source and id
                    repliesById.put(outcome.reply().getId(), EventCodec.JSON.readTree(outcome.reply().getData().toBytes()));
                } else {
                    assertThat(outcome.status()).isEqualTo(204);
                }
            }
        }

        long changes = orders.events().stream().filter(e -> EventTypes.CHANGE.equals(e.getType())).count();
        assertThat(repliesById).hasSize((int) changes).hasSize(9);
        Map<Integer, Long> summed = new TreeMap<>();
        repliesById.values().forEach(r -> summed.merge(r.path("order").asInt(), r.path("cents").asLong(), Long::sum));
        Map<Integer, Long> database = orders.amountsInCents();
        assertThat(database).containsOnlyKeys(3, 4);
        summed.forEach((order, cents) -> assertThat(cents).as("order " + order)
                .isEqualTo(database.getOrDefault(order, 0L)));
        assertThat(summed).containsOnlyKeys(1, 2, 3, 4);
        assertThat(repliesById.values()).extracting(r -> r.path("op").asText()).containsOnly("r", "c", "u", "d");
    }
}
