package io.nettle.broadcast;

/**
 * Receives the messages published to a topic it subscribed to, in the order one publisher
 * published them. Called on whatever thread the {@link Broadcast} delivers on (the publisher's
 * for {@link Broadcast#inProcess()}, a client thread for a shared one): hand the message on
 * without waiting, as {@code WebSocket.sendText} and {@code EventStream.send} do, and let their
 * back-pressure rules deal with a client that does not keep up. An exception thrown here is
 * logged and the subscription stays.
 */
@FunctionalInterface
public interface Subscriber {

    /** One message of the topic. */
    void receive(String message);
}
