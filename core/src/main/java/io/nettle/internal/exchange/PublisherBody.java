package io.nettle.internal.exchange;

import io.nettle.http.BodyProducer;
import io.nettle.http.BodyWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body from a {@link Flow.Publisher} of byte buffers (Reactive Streams): one item requested at
 * a time, the next once the connection took the previous one; cancelled when the client leaves.
 */
public final class PublisherBody implements BodyProducer {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherBody.class);

    private final Flow.Publisher<ByteBuffer> publisher;

    public PublisherBody(Flow.Publisher<ByteBuffer> publisher) {
        this.publisher = publisher;
    }

    @Override
    public void produce(BodyWriter body) {
        publisher.subscribe(new Flow.Subscriber<>() {
            private final AtomicBoolean subscribed = new AtomicBoolean();
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                if (!subscribed.compareAndSet(false, true)) {
                    subscription.cancel(); // Reactive Streams §2.5: one subscription only
                    return;
                }
                this.subscription = subscription;
                body.done().thenRun(subscription::cancel); // the client left (after a completion, a no-op)
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                body.write(bytes).whenComplete((ok, failure) -> {
                    if (failure == null) {
                        subscription.request(1);
                    } else {
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onError(Throwable failure) {
                LOG.warn("The publisher of a streamed body failed; the response is aborted", failure);
                body.abort();
            }

            @Override
            public void onComplete() {
                body.end();
            }
        });
    }
}
