/**
 * Not API: reading {@code multipart/form-data} bodies as streams, with Netty's decoder driven
 * off the event loops, within {@code MultipartLimits}.
 */
package io.nettle.internal.multipart;
