package io.sgstream.broker.http;

/** An ingress failure that knows the HTTP status a producer should get for it (e.g. 400, 503). */
public interface HttpStatusCarrier {

    int httpStatus();
}
