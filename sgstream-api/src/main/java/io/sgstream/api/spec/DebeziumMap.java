package io.sgstream.api.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How the annotated map becomes Debezium properties; every map field must say, since Debezium has several forms. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface DebeziumMap {

    Style value();

    enum Style {
        /** One property of {@code key=value} pairs: {@code slot.stream.params=a=1;b=2}. */
        PAIRS,
        /** The keys, then a property per entry under the map's name: {@code transforms=r}, {@code transforms.r.x=y}. */
        KEYS_THEN_PREFIXED_ENTRIES,
        /** The keys, then one property per entry at the top level: {@code converters=c}, {@code c.type=X}. */
        KEYS_THEN_UNPREFIXED_ENTRIES,
        /** Algorithm to salt to columns: {@code column.mask.hash.SHA-256.with.salt.s=cols}. */
        HASH_WITH_SALT
    }
}
