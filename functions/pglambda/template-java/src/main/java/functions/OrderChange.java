package functions;

import java.math.BigDecimal;

/**
 * The data of the reply event: what changed in an order.
 *
 * @param order       the order id
 * @param op          c (insert), u (update), d (delete), r (snapshot read)
 * @param amountDelta how much the order's amount changed (new minus old; an insert adds it, a delete removes it)
 */
public record OrderChange(long order, String op, BigDecimal amountDelta) {
}
