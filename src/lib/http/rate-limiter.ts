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
	return {
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
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return { allowed: true };
			}
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
		},
	};
}
