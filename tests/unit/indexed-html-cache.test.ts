import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndexedHtmlCache } from '../../src/lib/search/indexed-html-cache';

let dir: string;
let calls: string[];
const make = (html: string) => {
	calls.push(html);
	return html.toUpperCase();
};

beforeEach(() => {
	dir = join(mkdtempSync(join(tmpdir(), 'stepcheck-indexed-')), 'cache');
	calls = [];
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('what Pagefind is given, remembered between builds', () => {
	it('makes a page once and gives the same text back on the next build', async () => {
		const first = await openIndexedHtmlCache(dir, 'rules-1', make);
		expect(await first.get('<p>aws:MultiFactorAuthPresent</p>')).toBe('<P>AWS:MULTIFACTORAUTHPRESENT</P>');
		const next = await openIndexedHtmlCache(dir, 'rules-1', make);
		expect(await next.get('<p>aws:MultiFactorAuthPresent</p>')).toBe('<P>AWS:MULTIFACTORAUTHPRESENT</P>');
		expect(calls).toHaveLength(1);
	});

	it('makes the page again when the page or the code that makes it changed', async () => {
		await (await openIndexedHtmlCache(dir, 'rules-1', make)).get('<p>a</p>');
		await (await openIndexedHtmlCache(dir, 'rules-1', make)).get('<p>b</p>');
		await (await openIndexedHtmlCache(dir, 'rules-2', make)).get('<p>a</p>');
		expect(calls).toEqual(['<p>a</p>', '<p>b</p>', '<p>a</p>']);
	});

	it('keeps only the pages the last build asked for', async () => {
		const first = await openIndexedHtmlCache(dir, 'rules-1', make);
		await first.get('<p>old</p>');
		await first.get('<p>kept</p>');
		const next = await openIndexedHtmlCache(dir, 'rules-1', make);
		await next.get('<p>kept</p>');
		await next.prune();
		expect(readdirSync(dir)).toHaveLength(1);
		await (await openIndexedHtmlCache(dir, 'rules-1', make)).get('<p>kept</p>');
		expect(calls).toEqual(['<p>old</p>', '<p>kept</p>']);
	});
});
