import { describe, expect, it } from 'vitest';
import { createLanes } from '../../src/lib/images/lanes';

/** A task that records how many tasks ran at once, and ends when `release` is called. */
function tracker() {
	let running = 0;
	const peaks: number[] = [];
	const releases: (() => void)[] = [];
	const task = () =>
		new Promise<void>((resolve) => {
			running += 1;
			peaks.push(running);
			releases.push(() => {
				running -= 1;
				resolve();
			});
		});
	const releaseAll = async () => {
		while (releases.length) {
			releases.shift()!();
			await new Promise((r) => setTimeout(r, 0));
		}
	};
	return { task, peaks, releaseAll, started: () => peaks.length };
}

describe('lanes', () => {
	it('runs no more tasks at once than it has lanes', async () => {
		const t = tracker();
		const lanes = createLanes(2);
		for (let i = 0; i < 5; i += 1) lanes.run(t.task);
		expect(t.started()).toBe(2);
		const drained = lanes.drained();
		await t.releaseAll();
		await drained;
		expect(Math.max(...t.peaks)).toBe(2);
		expect(t.started()).toBe(5);
	});

	it('runs every task even when one fails, then rejects with that failure', async () => {
		const lanes = createLanes(1);
		const ran: number[] = [];
		lanes.run(async () => {
			ran.push(1);
			throw new Error('first failed');
		});
		lanes.run(async () => {
			ran.push(2);
		});
		await expect(lanes.drained()).rejects.toThrow('first failed');
		expect(ran).toEqual([1, 2]);
	});

	it('is drained at once when it was given nothing', async () => {
		await expect(createLanes(2).drained()).resolves.toBeUndefined();
	});
});
