package io.sgstream.pglambda.knative;

import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts CloudEvents to the service as a Broker does (binary mode) over loopback HTTP. */
final class Loopback {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI uri;

    Loopback(URI uri) {
        this.uri = uri;
    }

    HttpResponse<String> post(CloudEvent event) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CloudEventsHttp.writeBinary(event, headers::put, body::writeBytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri.resolve(path)).GET().build());
    }

    /** The reply event of a 200 answer, read back from its binary-mode headers and body. */
    static CloudEvent reply(HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        return CloudEventsHttp.read(headers, response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
