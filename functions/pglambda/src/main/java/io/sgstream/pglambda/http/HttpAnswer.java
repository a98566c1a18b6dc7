package io.sgstream.pglambda.http;

import java.util.Map;

/** An HTTP response to write: status, headers and body (empty unless a reply event or an error reason). */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

    public HttpAnswer {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
