package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebeziumFiltersTest {

    @Test
    void escapedDotsSetTheLevelOfEachPattern() {
        assertThat(DebeziumFilters.toDebeziumProperties(
                List.of("public\\.orders", "audit", "public\\.orders\\.note", "public\\.t\\.c\\.extra", "sales.*"),
                null)).containsExactly(
                        entry("column.include.list", "public\\.orders\\.note,public\\.t\\.c\\.extra"),
                        entry("schema.include.list", "audit,sales.*"),
                        entry("table.include.list", "public\\.orders"));
    }

    @Test
    void excludesGiveExcludeLists() {
        assertThat(DebeziumFilters.toDebeziumProperties(null, List.of("public\\.sessions", "tmp")))
                .containsExactly(entry("schema.exclude.list", "tmp"), entry("table.exclude.list", "public\\.sessions"));
    }

    @Test
    void anUnescapedDotIsAWildcardNotASeparator() {
        // as in StackGres: "public.orders" is one part, hence a schema pattern (matching e.g. schema "publicXorders")
        assertThat(DebeziumFilters.level("public.orders")).isZero();
        assertThat(DebeziumFilters.level("public\\.")).isZero();
        assertThat(DebeziumFilters.level("\\.orders")).isEqualTo(1);
    }

    @Test
    void noPatternsNoFilters() {
        assertThat(DebeziumFilters.toDebeziumProperties(null, null)).isEmpty();
    }
}
