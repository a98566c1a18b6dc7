package io.sgstream.capture.kubernetes;

import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.SignalRequest;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/** A signal request as the Trigger delivers it: a binary-mode CloudEvent's HTTP headers and body. */
final class BinarySignals {

    private BinarySignals() {
    }

    static Map<String, String> headers(SignalRequest request) {
        Map<String, String> headers = new HashMap<>();
        CloudEventsHttp.writeBinary(request.toCloudEvent(), headers::put, b -> { });
        return headers;
    }

    static byte[] body(SignalRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CloudEventsHttp.writeBinary(request.toCloudEvent(), (k, v) -> { }, out::writeBytes);
        return out.toByteArray();
    }
}
