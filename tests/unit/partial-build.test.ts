import { describe, expect, it } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { builtGuide, keepRenderOf, PARTIAL_GUIDES_ENV, partialGuides } from '../../src/lib/content/partial-build';

/**
 * Inside `astro build`, a partial build (named by scripts/build.mjs in an environment variable)
 * writes the pages of the guides it names and compiles only their MDX; every guide keeps its data.
 */
describe('the guides a build renders', () => {
	it('are all of them without the variable, and the named ones with it', () => {
		expect(partialGuides({})).toBeNull();
		expect(builtGuide('mfa', {})).toBe(true);
		const env = { [PARTIAL_GUIDES_ENV]: 'mfa,aws/root' };
		expect([...partialGuides(env)!]).toEqual(['mfa', 'aws/root']);
		expect(builtGuide('aws/root', env)).toBe(true);
		expect(builtGuide('other', env)).toBe(false);
	});
});

type Entry = { id: string; data: Record<string, unknown>; digest?: string; deferredRender?: boolean; filePath?: string };

function fakeStore(entries: Entry[]) {
	const stored = new Map(entries.map((entry) => [entry.id, entry]));
	return {
		stored,
		store: {
			values: () => [...stored.values()],
			set: (entry: Entry) => {
				stored.set(entry.id, entry);
				return true;
			},
		} as unknown as LoaderContext['store'],
	};
}

describe('the render of the guides a partial build does not write', () => {
	const entries = (): Entry[] => [
		{ id: 'mfa', data: { title: 'MFA' }, digest: 'd1', deferredRender: true, filePath: 'g/mfa/index.mdx' },
		{ id: 'root', data: { title: 'Root' }, digest: 'd2', deferredRender: true, filePath: 'g/root-user/index.mdx' },
	];

	it('is taken off, their data kept, under a digest no file has (so the next build reads them again)', () => {
		const { store, stored } = fakeStore(entries());
		keepRenderOf(store, new Set(['mfa']));
		expect(stored.get('mfa')).toEqual(entries()[0]);
		const root = stored.get('root')!;
		expect(root.deferredRender).toBe(false);
		expect(root.data).toEqual({ title: 'Root' });
		expect(root.filePath).toBe('g/root-user/index.mdx');
		expect(root.digest).not.toBe('d2');
		expect(root.digest!.startsWith('d2')).toBe(true);
	});

	it('is left alone in a full build', () => {
		const { store, stored } = fakeStore(entries());
		keepRenderOf(store, null);
		expect([...stored.values()]).toEqual(entries());
	});
});
