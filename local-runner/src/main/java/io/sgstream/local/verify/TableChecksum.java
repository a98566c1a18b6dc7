package io.sgstream.local.verify;

import java.math.BigDecimal;

/**
 * Row count and an order-independent checksum of a table's rows: the sum of the first 64 bits of md5(row::text)
 * over all rows. Independent of physical order and of how the rows got there; any differing, missing or extra
 * row changes it.
 */
public record TableChecksum(String table, long rows, BigDecimal checksum) {

    static final String SQL = "SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint::numeric), 0)"
            + " FROM %s t";
}
