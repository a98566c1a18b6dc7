package io.sgstream.pglambda;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP request that carried an event, as a function sees it ({@code request} in a script). Header names are
 * lower case, as Node.js presents them.
 */
public record InboundRequest(String method, String path, Map<String, String> headers, String body) {

    public InboundRequest {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
        body = body == null ? "" : body;
    }
}
