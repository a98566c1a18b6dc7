package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A reference to one key of a ConfigMap in the stream's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapKeySelector extends KeySelector {
}
