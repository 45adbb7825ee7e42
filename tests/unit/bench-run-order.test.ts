import { describe, expect, it } from 'vitest';
import { runOrder } from '../../scripts/bench/builds.mjs';

describe('bench run order', () => {
	it('runs the tools run by run, taking turns to go first, so drift in the machine falls on both', () => {
		expect(runOrder(['stepcheck', 'starlight'], 3)).toEqual([
			{ tool: 'stepcheck', run: 1 },
			{ tool: 'starlight', run: 1 },
			{ tool: 'starlight', run: 2 },
			{ tool: 'stepcheck', run: 2 },
			{ tool: 'stepcheck', run: 3 },
			{ tool: 'starlight', run: 3 },
		]);
	});

	it('runs one tool alone in run order', () => {
		expect(runOrder(['stepcheck'], 3)).toEqual([1, 2, 3].map((run) => ({ tool: 'stepcheck', run })));
	});
});
