package io.coco4j.kbs.limits;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(60, 3, now::get); // one token a second, three at once

    @Test
    void aClientHasItsBurstThenWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1")).isZero();
        }
        assertThat(buckets.take("10.0.0.1")).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
        assertThat(buckets.take("10.0.0.1")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        assertThat(buckets.take("10.0.0.1")).isZero();
        assertThat(buckets.take("10.0.0.1")).isPositive();
    }

    @Test
    void clientsHaveBucketsOfTheirOwnThatNeverFillBeyondTheBurst() {
        for (int i = 0; i < 3; i++) {
            buckets.take("10.0.0.1");
        }
        assertThat(buckets.take("10.0.0.2")).as("another address is not affected").isZero();
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1")).isZero();
        }
        assertThat(buckets.take("10.0.0.1")).as("an hour idle still gives only the burst").isPositive();
    }

    @Test
    void forgottenClientsComeBackWithAFullBucket() {
        for (int i = 0; i < 3; i++) {
            buckets.take("first");
        }
        for (int i = 0; i < TokenBuckets.MAX_CLIENTS; i++) {
            buckets.take("client-" + i);
        }
        assertThat(buckets.take("first")).as("the table stayed bounded and dropped the least recent client").isZero();
    }
}
