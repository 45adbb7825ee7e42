import { describe, expect, it } from 'vitest';
import { fingerprintOf, type BuildInputs } from '../../scripts/rebuild/build-inputs';
import type { BuildRecord, OutputFile } from '../../scripts/rebuild/build-record';
import { decideReuse } from '../../scripts/rebuild/reuse-decision';

/**
 * `npm run build` keeps the output as it is only when it is certain the output is what a build
 * would make: the record of the last good build has today's fingerprint and the output holds
 * exactly the files that build wrote. Every doubt means a full build, with the reason in one line.
 */
const inputs: BuildInputs = {
	files: { 'src/pages/index.astro': 'a1', '../guides/mfa/index.mdx': 'b2' },
	env: { STEPCHECK_OUT_DIR: 'dist' },
	node: 'v24.9.0',
	args: [],
};
const output: OutputFile[] = [
	{ path: 'client/index.html', size: 100, mtimeMs: 1000.5 },
	{ path: 'server/entry.mjs', size: 50, mtimeMs: 1000.25 },
];
const record: BuildRecord = { version: 2, fingerprint: fingerprintOf(inputs), inputs, output, outlines: {} };
const decide = (r: BuildRecord | null, i: BuildInputs, o: OutputFile[] | null, force = false) =>
	decideReuse(r, i, o, { outName: 'dist', force });
const reason = (decision: ReturnType<typeof decide>) => (decision.reuse ? 'reused' : decision.reason);

describe('whether npm run build keeps the output', () => {
	it('keeps it when the inputs are the recorded ones and the output is as the build left it', () => {
		expect(decide(record, structuredClone(inputs), structuredClone(output))).toEqual({ reuse: true });
	});

	it('builds when there is no record (none yet, or the last build failed and removed it)', () => {
		expect(reason(decide(null, inputs, output))).toMatch(/no record of a finished build of dist\/.*failed/);
	});

	it('builds when --force is given, even with everything up to date', () => {
		expect(reason(decide(record, inputs, output, true))).toBe('--force was given');
	});

	it('builds when a file changed, and names it', () => {
		const now = { ...inputs, files: { ...inputs.files, '../guides/mfa/index.mdx': 'c3' } };
		expect(reason(decide(record, now, output))).toBe('changed: ../guides/mfa/index.mdx');
	});

	it('names new and removed files, and shortens a long list', () => {
		const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [`src/${name}.ts`, 'x']));
		expect(reason(decide(record, { ...inputs, files }, output))).toBe(
			'new: src/a.ts, src/b.ts, src/c.ts and 2 more; removed: ../guides/mfa/index.mdx, src/pages/index.astro',
		);
	});

	it('builds when an environment variable, Node or the arguments changed, and says which', () => {
		expect(reason(decide(record, { ...inputs, env: { ...inputs.env, STEPCHECK_BASE_PATH: '/docs' } }, output))).toBe(
			'environment variables changed: STEPCHECK_BASE_PATH',
		);
		expect(reason(decide(record, { ...inputs, node: 'v24.10.0' }, output))).toBe('Node v24.9.0 is now v24.10.0');
		expect(reason(decide(record, { ...inputs, args: ['--verbose'] }, output))).toBe('build arguments were "", now "--verbose"');
	});

	it('builds when the output is missing', () => {
		expect(reason(decide(record, inputs, null))).toBe('dist/ is missing');
	});

	it('builds when a file of the output is missing, changed or added', () => {
		const first = output[0]!;
		expect(reason(decide(record, inputs, output.slice(1)))).toBe(
			'dist/ is not as the last build left it: client/index.html is missing from it',
		);
		expect(reason(decide(record, inputs, [{ ...first, size: 101 }, output[1]!]))).toMatch(/client\/index\.html was changed after/);
		expect(reason(decide(record, inputs, [{ ...first, mtimeMs: 2000 }, output[1]!]))).toMatch(/client\/index\.html was changed after/);
		expect(reason(decide(record, inputs, [...output, { path: 'client/x.html', size: 1, mtimeMs: 1 }]))).toMatch(
			/client\/x\.html was added to it after the build/,
		);
	});
});
