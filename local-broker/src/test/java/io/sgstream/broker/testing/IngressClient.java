package io.sgstream.broker.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A producer posting to the broker's HTTP ingress, as the capture service does. */
public final class IngressClient {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI ingress;

    public IngressClient(URI ingress) {
        this.ingress = ingress;
    }

    public HttpResponse<String> sendBinary(CloudEvent event) {
        return join(sendBinaryAsync(event));
    }

    public CompletableFuture<HttpResponse<String>> sendBinaryAsync(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = {new byte[0]};
        HttpMessageFactory.createWriter(headers::put, b -> body[0] = b == null ? new byte[0] : b).writeBinary(event);
        return post(headers, body[0]);
    }

    public HttpResponse<String> sendStructured(CloudEvent event) {
        return join(post(Map.of("Content-Type", JsonFormat.CONTENT_TYPE), new JsonFormat().serialize(event)));
    }

    public HttpResponse<String> sendRaw(Map<String, String> headers, byte[] body) {
        return join(post(headers, body));
    }

    public HttpResponse<String> send(String method) {
        try {
            return client.send(HttpRequest.newBuilder(ingress).method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<HttpResponse<String>> post(Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T join(CompletableFuture<T> future) {
        return future.join();
    }
}
