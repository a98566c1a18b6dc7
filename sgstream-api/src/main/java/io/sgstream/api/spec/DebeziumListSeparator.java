package io.sgstream.api.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The separator Debezium expects between the items of the annotated list (or map entries); a comma otherwise. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface DebeziumListSeparator {
    String value();
}
