package io.sgstream.signals;

import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.SignalRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs a signal request as a binary-mode CloudEvent; any 2xx is an acknowledgement. */
public final class HttpSignalSender implements SignalSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final SignalDestination destination;

    public HttpSignalSender(HttpClient http, SignalDestination destination) {
        this.http = http;
        this.destination = destination;
    }

    /** A sender with its own HTTP client. */
    public static HttpSignalSender to(SignalDestination destination) {
        return new HttpSignalSender(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), destination);
    }

    @Override
    public void send(SignalRequest request) {
        URI uri = destination.uriFor(request.stream());
        HttpRequest.Builder post = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        byte[][] body = {new byte[0]};
        CloudEventsHttp.writeBinary(request.toCloudEvent(), post::header, bytes -> body[0] = bytes);
        post.POST(HttpRequest.BodyPublishers.ofByteArray(body[0]));
        HttpResponse<String> response;
        try {
            response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SignalDeliveryException("signal request " + request.id() + " to " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalDeliveryException("interrupted sending signal request " + request.id(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SignalDeliveryException("signal request " + request.id() + " to " + uri + " was refused: HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
