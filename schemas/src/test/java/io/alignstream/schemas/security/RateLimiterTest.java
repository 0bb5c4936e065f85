package io.alignstream.schemas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void shouldAllowBurstThenRefillAtTheRate() {
    RateLimiter limiter = new RateLimiter(2, 3, 10, now::get);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("a").allowed()).isTrue();
    }
    RateLimiter.Decision refused = limiter.acquire("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    now.addAndGet(500_000_000L);
    assertThat(limiter.acquire("a").allowed()).isTrue();
    assertThat(limiter.acquire("a").allowed()).isFalse();
  }

  @Test
  void shouldRoundRetryAfterUpForSlowRates() {
    RateLimiter limiter = new RateLimiter(0.1, 1, 10, now::get);

    assertThat(limiter.acquire("a").allowed()).isTrue();
    assertThat(limiter.acquire("a").retryAfterSeconds()).isEqualTo(10);
  }

  @Test
  void shouldBoundTheNumberOfClientsKept() {
    RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);

    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("client-" + i);
    }
    assertThat(limiter.clients()).isLessThanOrEqualTo(100);
    // A busy client that was just seen is still limited after the flood.
    limiter.acquire("busy");
    assertThat(limiter.acquire("busy").allowed()).isFalse();
  }
}
