import { describe, expect, it } from 'vitest';
import { descendantsOf, parseProcStat, parseVmRss } from '../../scripts/bench/process-tree.mjs';

describe('bench process tree: /proc parsing', () => {
	it('reads pid, ppid and CPU ticks from a stat line, even with spaces and parentheses in the name', () => {
		const line =
			'4242 (node (astro) w) S 4200 4242 4200 0 -1 4194304 100 0 0 0 731 129 40 12 20 0 11 0 9999 1000000 20000 18446744073709551615';
		expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 4200, utime: 731, stime: 129, cutime: 40, cstime: 12 });
	});

	it('refuses text that is not a stat line', () => {
		expect(() => parseProcStat('no parenthesis here')).toThrow(/\/proc\/<pid>\/stat/);
	});

	it('reads VmRSS in bytes, and 0 when there is none (kernel thread, zombie)', () => {
		expect(parseVmRss('Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t  123456 kB\nThreads:\t11\n')).toBe(123456 * 1024);
		expect(parseVmRss('Name:\tkworker\nThreads:\t1\n')).toBe(0);
	});

	it('finds a process and all its descendants, and nothing else', () => {
		const parents = new Map([
			[10, 1], // npm
			[11, 10], // astro build
			[12, 11], // worker
			[13, 11], // worker
			[14, 12], // grandchild
			[20, 1], // unrelated
			[21, 20],
		]);
		expect(descendantsOf(10, parents).sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14]);
		expect(descendantsOf(21, parents)).toEqual([21]);
	});
});
