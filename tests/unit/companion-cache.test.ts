import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedBundle } from '../../src/integrations/companion-cache';

let root: string;
let source: string;
let bundles: number;

/** A stand-in bundler: the "bundle" is the source file's text, and the source is its one input. */
const make = async () => {
	bundles += 1;
	const code = new TextEncoder().encode(`bundle ${bundles}`);
	return { code, sha256: createHash('sha256').update(code).digest('hex'), inputs: [source] };
};
const text = (code: Uint8Array) => new TextDecoder().decode(code);

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'stepcheck-companion-cache-'));
	source = join(root, 'main.ts');
	writeFileSync(source, 'export {}');
	bundles = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the companion bundle kept between builds', () => {
	it('bundles once, then reuses the file while nothing it was made from changed', async () => {
		const first = await cachedBundle(join(root, 'cache'), 'key-1', make);
		const second = await cachedBundle(join(root, 'cache'), 'key-1', make);
		expect([first.reused, second.reused]).toEqual([false, true]);
		expect(text(second.code)).toBe('bundle 1');
		expect(second.sha256).toBe(first.sha256);
		expect(bundles).toBe(1);
	});

	it('bundles again when a source file changed', async () => {
		await cachedBundle(join(root, 'cache'), 'key-1', make);
		writeFileSync(source, 'export const changed = true;');
		utimesSync(source, new Date(), new Date(Date.now() + 5_000));
		expect(text((await cachedBundle(join(root, 'cache'), 'key-1', make)).code)).toBe('bundle 2');
	});

	it('bundles again when the settings, the bundler or the lockfile changed (another key)', async () => {
		await cachedBundle(join(root, 'cache'), 'key-1', make);
		expect((await cachedBundle(join(root, 'cache'), 'key-2', make)).reused).toBe(false);
	});

	it('never ships a damaged file: one that no longer matches its hash is bundled again', async () => {
		await cachedBundle(join(root, 'cache'), 'key-1', make);
		writeFileSync(join(root, 'cache', 'bundle.mjs'), 'tampered');
		const again = await cachedBundle(join(root, 'cache'), 'key-1', make);
		expect([again.reused, text(again.code)]).toEqual([false, 'bundle 2']);
	});
});

describe('a bundle that cannot be kept', () => {
	it('is still the build’s bundle when an input is not a file, and is made again next time', async () => {
		const virtual = async () => ({ ...(await make()), inputs: [join(root, '<define:SETTINGS>')] });
		expect(text((await cachedBundle(join(root, 'cache'), 'key-1', virtual)).code)).toBe('bundle 1');
		expect((await cachedBundle(join(root, 'cache'), 'key-1', virtual)).reused).toBe(false);
	});
});
