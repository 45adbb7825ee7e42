import { describe, expect, it } from 'vitest';
import { lintRemembered, type LintMemory, type LintRequest } from '../../src/lib/content/lint-cache';
import { lintGuideSource } from '../../src/lib/content/lint';

const CLEAN = `---
title: A guide
---

<Steps>

1. Open the console.

   ![The console home page with the account menu at the top right](./home.png)

2. Choose **Security credentials**.

3. Choose **Assign MFA device**.

4. Name the device.

5. Check your work with [step 3 of the MFA guide](/guides/turn-on-mfa-aws/#step-3).

</Steps>

## Sources

- [AWS Multi-factor authentication in IAM](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html)
`;

function memory(): LintMemory & { entries: Map<string, string> } {
	const entries = new Map<string, string>();
	return { entries, get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v), delete: (k) => void entries.delete(k) };
}

/** A request over an in-memory guide folder that counts how often the guide is parsed. */
function guide(overrides: Partial<LintRequest> & { files?: Set<string>; source?: string } = {}) {
	const files = overrides.files ?? new Set(['home.png']);
	const counter = { parses: 0 };
	const request: LintRequest = {
		id: 'turn-on-mfa',
		digest: 'digest-1',
		rules: 'rules-1',
		readSource: () => overrides.source ?? CLEAN,
		imageExists: (path) => files.has(path.replace(/^\.\//, '')),
		guideSteps: (id) => (id === 'turn-on-mfa-aws' ? 10 : undefined),
		lint: (source, exists, guideSteps) => {
			counter.parses += 1;
			return lintGuideSource(source, exists, guideSteps);
		},
		...overrides,
	};
	return { request, counter, files };
}

describe('remembered guide lint', () => {
	it('parses an unchanged clean guide only once across builds', async () => {
		const store = memory();
		const { request, counter } = guide();
		expect(await lintRemembered(request, store)).toEqual([]);
		expect(await lintRemembered(request, store)).toEqual([]);
		expect(counter.parses).toBe(1);
	});

	it('lints again when the source, the rules or an image it named changed', async () => {
		const store = memory();
		const first = guide();
		await lintRemembered(first.request, store);
		for (const change of [{ digest: 'digest-2' }, { rules: 'rules-2' }]) {
			const next = guide(change);
			expect(await lintRemembered(next.request, store)).toEqual([]);
			expect(next.counter.parses, JSON.stringify(change)).toBe(1);
		}
		const imageGone = guide({ files: new Set(), rules: 'rules-2', digest: 'digest-2' });
		const problems = await lintRemembered(imageGone.request, store);
		expect(imageGone.counter.parses).toBe(1);
		expect(problems.map((p) => p.message).join('\n')).toMatch(/home\.png/);
	});

	it('lints again when a guide it links to lost the linked step, and keeps its own step count for the others', async () => {
		const store = memory();
		await lintRemembered(guide().request, store, 5);
		expect(JSON.parse(store.entries.get('lint-clean:turn-on-mfa')!)).toMatchObject({ steps: 5, guides: { 'turn-on-mfa-aws': 10 } });
		const shorter = guide({ guideSteps: (id) => (id === 'turn-on-mfa-aws' ? 2 : undefined) });
		const problems = await lintRemembered(shorter.request, store);
		expect(shorter.counter.parses).toBe(1);
		expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/points to step 3, but "turn-on-mfa-aws" has 2 steps/)]);
	});

	it('never remembers problems: a broken guide is reported on every build', async () => {
		const store = memory();
		const broken = guide({ source: CLEAN.replace('![The console home page with the account menu at the top right]', '![]') });
		expect((await lintRemembered(broken.request, store)).length).toBeGreaterThan(0);
		expect((await lintRemembered(broken.request, store)).length).toBeGreaterThan(0);
		expect(broken.counter.parses).toBe(2);
		expect(store.entries.size).toBe(0);
	});

	it('forgets a clean result once the guide breaks, and treats an unreadable record as a miss', async () => {
		const store = memory();
		await lintRemembered(guide().request, store);
		expect(store.entries.size).toBe(1);
		await lintRemembered(guide({ digest: 'digest-2', source: CLEAN.replace('./home.png', './gone.png') }).request, store);
		expect(store.entries.size).toBe(0);
		store.set('lint-clean:turn-on-mfa', '{"digest":');
		const again = guide();
		expect(await lintRemembered(again.request, store)).toEqual([]);
		expect(again.counter.parses).toBe(1);
	});

	it('remembers nothing for a guide without a digest', async () => {
		const store = memory();
		const { request, counter } = guide({ digest: undefined });
		await lintRemembered(request, store);
		await lintRemembered(request, store);
		expect(counter.parses).toBe(2);
		expect(store.entries.size).toBe(0);
	});
});
