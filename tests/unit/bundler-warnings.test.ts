import { describe, expect, it } from 'vitest';
import { onBundlerWarning } from '../../src/lib/site/bundler-warnings';

const printed = (log: { code?: string; message: string }) => {
	const out: unknown[] = [];
	onBundlerWarning(log, (l) => out.push(l));
	return out.length;
};

describe('the bundler warnings a build prints', () => {
	it('leaves out the head-inject directive Astro puts in every compiled guide', () => {
		expect(
			printed({
				code: 'MODULE_LEVEL_DIRECTIVE',
				message:
					'The semantics of the module level directive "use astro:head-inject" in "src/content/guides/a/index.mdx?astroPropagatedAssets" may not be preserved when bundling.',
			}),
		).toBe(0);
	});

	it('prints every other directive warning and every other warning', () => {
		expect(
			printed({ code: 'MODULE_LEVEL_DIRECTIVE', message: 'The module level directive "use client" in "x.js" may not be preserved.' }),
		).toBe(1);
		expect(printed({ code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency "use astro:head-inject"' })).toBe(1);
	});
});
