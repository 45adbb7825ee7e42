/**
 * Shares one run among identical checks that start within `windowMs` of each other:
 * a double click or two tabs cost AWS one set of calls, and every caller gets the same result.
 */
export function createSingleFlight<T>({ windowMs, now = Date.now }: { windowMs: number; now?: () => number }) {
	const runs = new Map<string, { started: number; result: Promise<T> }>();
	return {
		run(key: string, task: () => Promise<T>): Promise<T> {
			const time = now();
			const existing = runs.get(key);
			if (existing && time - existing.started < windowMs) return existing.result;
			const result = task();
			runs.set(key, { started: time, result });
			// A failed run must not be shared with later callers once it has settled.
			result.catch(() => runs.get(key)?.result === result && runs.delete(key));
			return result;
		},
	};
}
