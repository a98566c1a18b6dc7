/**
 * The types of {@code SGStream.status}, with StackGres's field names. Unknown fields are ignored when read, so a
 * reader accepts a status written by a newer stream.
 */
package io.sgstream.api.status;
