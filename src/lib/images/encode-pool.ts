import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { EncodeOutcome, EncodeTask } from './encode-worker.ts';

/**
 * Screenshots are encoded in worker threads, one image per thread at a time. Encoding in the
 * build's own thread put every decoded image (about 4 MB of pixels for a 1440×900 capture) on
 * that thread's heap as external memory, and V8 answers external memory with full garbage
 * collections of the whole build's heap: about one a second for as long as the encoders ran,
 * on the core the encoders needed (docs/performance.md has the measurements). A worker's heap
 * is a few megabytes, so its collections cost next to nothing.
 */
export interface EncodePool {
	encode(task: EncodeTask): Promise<EncodeOutcome>;
	/**
	 * Starts no more tasks until `release()`; those already running finish. The build holds the
	 * encoders while the bundler runs: the bundler's own peak is the build's, and encoders beside
	 * it added their images' memory to it (about 0.2 GB at 1,000 guides) for little gain, since
	 * the bundler keeps both cores busy by itself.
	 */
	hold(): void;
	release(): void;
	/** Ends the threads once nothing more is encoded; a later task starts new ones (a later build in the same process). */
	close(): Promise<void>;
}

export function createEncodePool(threads: number): EncodePool {
	let pool: Promise<Tinypool> | undefined;
	let held: { released: Promise<void>; release: () => void } | undefined;
	// Threads start on the first task: a warm build encodes nothing and starts none.
	const started = () =>
		(pool ??= import('sharp').then(
			// sharp's native libraries must be loaded by the main thread first, or a worker that
			// ends unloads them from under the others (sharp's documentation, glibc Linux).
			() =>
				new Tinypool({
					filename: fileURLToPath(new URL('./encode-worker.ts', import.meta.url)),
					minThreads: Math.max(1, threads),
					maxThreads: Math.max(1, threads),
				}),
		));
	return {
		async encode(task) {
			while (held) await held.released;
			return (await started()).run(task) as Promise<EncodeOutcome>;
		},
		hold() {
			if (held) return;
			let release = () => {};
			const released = new Promise<void>((resolve) => (release = resolve));
			held = { released, release };
		},
		release() {
			const was = held;
			held = undefined;
			was?.release();
		},
		async close() {
			if (pool) await (await pool).destroy();
		},
	};
}
