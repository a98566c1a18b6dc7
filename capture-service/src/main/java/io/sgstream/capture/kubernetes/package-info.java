/**
 * Kubernetes mode of the capture service: the SGStream and its Secrets read from the API, and the capture's part of
 * the stream's status written back through the status subresource.
 */
package io.sgstream.capture.kubernetes;
