/**
 * A token bucket per client: `capacity` requests at once, refilled at `refillPerMinute`.
 * Each check costs real AWS calls on the reader's account, so a runaway tab or script
 * gets 429 with the seconds until its next token.
 */
export interface RateLimiterOptions {
	capacity: number;
	refillPerMinute: number;
	now?: () => number;
	/** Buckets kept at most; the fullest (idlest) are dropped first so memory stays bounded. */
	maxClients?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function createRateLimiter({ capacity, refillPerMinute, now = Date.now, maxClients = 1000 }: RateLimiterOptions) {
	const buckets = new Map<string, { tokens: number; updated: number }>();
	const perMs = refillPerMinute / 60_000;
	const refill = (bucket: { tokens: number; updated: number }, time: number) => {
		bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.updated) * perMs);
		bucket.updated = time;
	};
	const decide = (tokens: number): RateDecision =>
		tokens >= 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
	return {
		/** What `take` would answer, without taking a token. */
		peek(client: string): RateDecision {
			const bucket = buckets.get(client);
			if (!bucket) return { allowed: true };
			return decide(Math.min(capacity, bucket.tokens + (now() - bucket.updated) * perMs));
		},
		take(client: string): RateDecision {
			const time = now();
			let bucket = buckets.get(client);
			if (!bucket) {
				if (buckets.size >= maxClients) {
					for (const [key, other] of buckets) {
						refill(other, time);
						if (other.tokens >= capacity) buckets.delete(key);
					}
					if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
				}
				bucket = { tokens: capacity, updated: time };
				buckets.set(client, bucket);
			}
			refill(bucket, time);
			const decision = decide(bucket.tokens);
			if (decision.allowed) bucket.tokens -= 1;
			return decision;
		},
	};
}

type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * Takes one token from each limiter, or from none: a request one limit refuses costs the
 * others nothing. When several refuse, the answer waits for the slowest.
 */
export function takeFromEach(limiters: RateLimiter[], client: string): RateDecision {
	const refusals = limiters.map((limiter) => limiter.peek(client)).filter((decision) => !decision.allowed);
	if (refusals.length > 0) return { allowed: false, retryAfterSeconds: Math.max(...refusals.map((refusal) => refusal.retryAfterSeconds)) };
	for (const limiter of limiters) limiter.take(client);
	return { allowed: true };
}
