import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { satteriCreateHighlightFn } from '@astrojs/markdown-satteri';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedHighlight } from '../../src/lib/content/highlight-cache.ts';

const folders: string[] = [];
function cacheFolder() {
	const folder = mkdtempSync(join(tmpdir(), 'highlight-cache-'));
	folders.push(folder);
	return join(folder, 'highlighted');
}
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A stand-in highlighter that counts its calls and says what it was given. */
function countingHighlighter() {
	const calls: string[] = [];
	const make = async () => {
		calls.push('made');
		return async (code: string, lang: string, meta?: string) => {
			calls.push(`${lang}:${code}`);
			return { type: 'element', tagName: 'pre', properties: { lang, meta: meta ?? null }, children: [{ type: 'text', value: code }] };
		};
	};
	return { calls, make };
}

describe('highlighted code cache', () => {
	it('highlights a block once, then reads it back, across builds, without making the highlighter', async () => {
		const folder = cacheFolder();
		const first = countingHighlighter();
		const tree = await cachedHighlight(folder, first.make, 'v1')('aws iam list-users', 'bash');
		expect(first.calls).toEqual(['made', 'bash:aws iam list-users']);

		// The next build: a new process would make a new wrapper over the same folder.
		const second = countingHighlighter();
		expect(await cachedHighlight(folder, second.make, 'v1')('aws iam list-users', 'bash')).toEqual(tree);
		expect(second.calls).toEqual([]);
	});

	it.each([
		['other code', 'aws sts get-caller-identity', 'bash', undefined, 'v1'],
		['another language', 'aws iam list-users', 'sh', undefined, 'v1'],
		['a meta string', 'aws iam list-users', 'bash', 'title="x"', 'v1'],
		['another highlighter version or setting', 'aws iam list-users', 'bash', undefined, 'v2'],
	])('highlights again for %s', async (_, code, lang, meta, fingerprint) => {
		const folder = cacheFolder();
		await cachedHighlight(folder, countingHighlighter().make, 'v1')('aws iam list-users', 'bash');
		const next = countingHighlighter();
		await cachedHighlight(folder, next.make, fingerprint)(code, lang, meta);
		expect(next.calls).toEqual(['made', `${lang}:${code}`]);
	});

	it('highlights again over a torn cache file, and leaves no partial file behind', async () => {
		const folder = cacheFolder();
		await cachedHighlight(folder, countingHighlighter().make, 'v1')('echo hi', 'bash');
		const [file] = readdirSync(folder);
		writeFileSync(join(folder, file!), '{"type":"ele');
		const next = countingHighlighter();
		const tree = await cachedHighlight(folder, next.make, 'v1')('echo hi', 'bash');
		expect(next.calls).toEqual(['made', 'bash:echo hi']);
		expect(tree).toMatchObject({ tagName: 'pre' });
		expect(readdirSync(folder)).toEqual([file]);
	});

	it('gives back exactly the tree Astro’s Shiki highlighting makes', async () => {
		const shiki = await satteriCreateHighlightFn('shiki', markdownConfigDefaults.shikiConfig);
		const code = '{\n  "Effect": "Deny",\n  "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }\n}';
		const fresh = await shiki!(code, 'json');
		const folder = cacheFolder();
		await cachedHighlight(folder, async () => shiki!, 'v1')(code, 'json');
		const read = await cachedHighlight(folder, countingHighlighter().make, 'v1')(code, 'json');
		expect(read).toEqual(fresh);
		expect(JSON.stringify(read)).toContain('aws:MultiFactorAuthPresent');
	});

	it('highlights blocks that arrive together exactly as it highlights them one after the other', async () => {
		const blocks = ['import boto3\n\niam = boto3.client("iam")', 'import json\n\nprint(json.dumps({"a": 1}))', 'x = 1'];
		const make = () =>
			satteriCreateHighlightFn('shiki', markdownConfigDefaults.shikiConfig) as Promise<(c: string, l: string) => Promise<unknown>>;
		const together = cachedHighlight(cacheFolder(), make, 'v1');
		const atOnce = await Promise.all(blocks.map((code) => together(code, 'python')));
		const sequential = await make();
		for (const [i, code] of blocks.entries()) expect(atOnce[i]).toEqual(await sequential(code, 'python'));
	});
});
