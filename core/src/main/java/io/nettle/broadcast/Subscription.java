package io.nettle.broadcast;

/** One subscriber's place in a topic, until {@link #cancel()}. */
public interface Subscription {

    /** The topic subscribed to. */
    String topic();

    /** Stops the deliveries to this subscriber (none after this returns); calling it again does nothing. */
    void cancel();
}
