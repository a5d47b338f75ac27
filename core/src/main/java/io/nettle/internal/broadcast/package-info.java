/** Not API: the per-instance topic registry the broadcast implementations share (exported to nettle-redis only). */
package io.nettle.internal.broadcast;
