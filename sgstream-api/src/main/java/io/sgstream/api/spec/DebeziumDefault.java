package io.sgstream.api.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The Debezium property value written when the annotated field is unset (StackGres's default, not Debezium's). */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface DebeziumDefault {
    String value();
}
