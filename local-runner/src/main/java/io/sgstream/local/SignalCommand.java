package io.sgstream.local;

import io.cloudevents.CloudEvent;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.StreamNames;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scripts/sgstream-local signal tombstone '{}'}: sends what the signals function sends on Kubernetes when the
 * annotation {@code debezium-signal.stackgres.io/<signal>} gets that value — a signal request to the broker of a
 * running local stream, which routes it to the capture service.
 */
final class SignalCommand {

    private SignalCommand() {
    }

    static int send(RunnerOptions options, PrintStream out) {
        SGStream stream;
        try {
            stream = SGStreams.fromFile(options.stream());
        } catch (java.io.IOException e) {
            out.println("Cannot read the SGStream " + options.stream() + ": " + e.getMessage());
            return 2;
        }
        StreamId id = new StreamId(StreamNames.namespace(stream), StreamNames.name(stream));
        String value = options.signal().size() > 1 ? options.signal().get(1) : "";
        SignalRequest request = new SignalRequest(id, options.signal().get(0), value);
        request.data(); // fail here, not in the stream, when the value is not JSON
        CloudEvent event = request.toCloudEvent();
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        CloudEventsHttp.writeBinary(event, headers::put, b -> body[0] = b);
        URI ingress = URI.create("http://127.0.0.1:" + options.port() + "/" + id.namespace() + "/sgstream");
        HttpRequest.Builder http = HttpRequest.newBuilder(ingress).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body[0]));
        headers.forEach(http::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                out.println("signal " + request.name() + " accepted by the local broker (" + response.statusCode() + ")");
                return 0;
            }
            out.println("signal refused: " + response.statusCode() + " " + response.body());
            return 1;
        } catch (java.io.IOException e) {
            out.println("no local stream listens on " + ingress + " (" + e.getMessage() + "): start one with scripts/sgstream-local");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
