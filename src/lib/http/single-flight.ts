/**
 * Shares one run among identical checks that start within `windowMs` of each other:
 * a double click or two tabs cost AWS one set of calls, and every caller gets the same result.
 * A settled run is forgotten once its window has passed, so the table holds at most the runs
 * of the last window (keys include a caller-chosen user name) plus those still in flight.
 */
export function createSingleFlight<T>({ windowMs, now = Date.now }: { windowMs: number; now?: () => number }) {
	const runs = new Map<string, { started: number; settled: boolean; result: Promise<T> }>();
	const forgetExpired = (time: number) => {
		for (const [key, run] of runs) if (run.settled && time - run.started >= windowMs) runs.delete(key);
	};
	return {
		run(key: string, task: () => Promise<T>): Promise<T> {
			const time = now();
			forgetExpired(time);
			const existing = runs.get(key);
			if (existing && time - existing.started < windowMs) return existing.result;
			const run = { started: time, settled: false, result: task() };
			runs.set(key, run);
			run.result.then(
				() => (run.settled = true),
				// A failed run is not shared with later callers once it has settled.
				() => runs.get(key) === run && runs.delete(key),
			);
			return run.result;
		},
		/** Runs held; for tests of the bound. */
		size: () => runs.size,
	};
}
