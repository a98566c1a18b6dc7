package io.sgstream.broker.http;

import io.cloudevents.CloudEvent;
import io.sgstream.broker.delivery.HttpTransport;
import io.sgstream.broker.delivery.SubscriberResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Posts events to HTTP subscribers over one pooled keep-alive {@link HttpClient} (HTTP/1.1: subscribers are plain
 * HTTP services, and h2c upgrade attempts only cost a round trip), and reads replies as the broker filter does.
 */
public final class HttpSubscriberClient implements HttpTransport {

    private final Executor executor;
    private final Duration connectTimeout;
    private volatile HttpClient client;

    public HttpSubscriberClient(Executor executor, Duration connectTimeout) {
        this.executor = executor;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Built on the first HTTP delivery: building it sets up the JDK's default TLS context, a visible share of a
     * broker's start-up CPU, which a broker with in-process subscribers only never needs.
     */
    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(connectTimeout)
                            .executor(executor)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public CompletableFuture<SubscriberResponse> post(URI uri, CloudEvent event, boolean structured, Duration timeout,
                                                      Map<String, String> headers) {
        CloudEventHttp.Encoded encoded = CloudEventHttp.encode(event, structured);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(encoded.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        if (timeout != null) {
            request.timeout(timeout);
        }
        encoded.headers().forEach(request::header);
        headers.forEach(request::header);
        return client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(HttpSubscriberClient::read);
    }

    private static SubscriberResponse read(HttpResponse<byte[]> response) {
        Map<String, List<String>> headers = response.headers().map();
        byte[] body = response.body();
        boolean ok = response.statusCode() >= 200 && response.statusCode() <= 299;
        if (!ok || !CloudEventHttp.isCloudEvent(headers)) {
            return new SubscriberResponse(response.statusCode(), null, body, null);
        }
        try {
            return new SubscriberResponse(response.statusCode(), CloudEventHttp.decode(headers, body), null, null);
        } catch (RuntimeException malformed) {
            return new SubscriberResponse(response.statusCode(), null, body, String.valueOf(malformed.getMessage()));
        }
    }
}
