/** A work queue that runs at most `width` tasks at once (one per core for CPU-bound work). */
export interface Lanes {
	run(task: () => Promise<void>): void;
	/** Resolves once every task has ended; a failed task rejects it (the others still run). */
	drained(): Promise<void>;
}

export function createLanes(width: number): Lanes {
	const queue: (() => Promise<void>)[] = [];
	const lanes = Math.max(1, width);
	let active = 0;
	let failure: unknown;
	let failed = false;
	let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
	const settle = () => {
		if (active > 0 || queue.length > 0) return;
		const waiters = waiting;
		waiting = [];
		for (const w of waiters) {
			if (failed) w.reject(failure);
			else w.resolve();
		}
	};
	const pump = () => {
		while (active < lanes && queue.length > 0) {
			const task = queue.shift()!;
			active += 1;
			task()
				.catch((error: unknown) => {
					if (!failed) {
						failed = true;
						failure = error;
					}
				})
				.finally(() => {
					active -= 1;
					pump();
					settle();
				});
		}
	};
	return {
		run(task) {
			queue.push(task);
			pump();
		},
		drained() {
			return new Promise((resolve, reject) => {
				waiting.push({ resolve, reject });
				settle();
			});
		},
	};
}
