/**
 * Kubernetes mode of the capture service: the SGStream and its Secrets read from the API; one capturer per stream
 * through the Lease {@code <stream>-capture} ({@link io.sgstream.capture.kubernetes.LeasedCapture}); the capture's
 * part of the stream's status written back through the status subresource with StackGres's names
 * ({@link io.sgstream.capture.kubernetes.CaptureStatusWriter}, {@link io.sgstream.capture.kubernetes.CaptureReadings}),
 * including the durable mark of an acknowledged tombstone; Events on the stream
 * ({@link io.sgstream.capture.kubernetes.CaptureEvents}).
 */
package io.sgstream.capture.kubernetes;
