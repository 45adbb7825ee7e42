import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

/**
 * JavaScript a page runs before the reader opens search: its inline scripts, its module
 * scripts and everything they import statically. Chunks loaded with import() (the
 * search dialog, the highlighter) and Pagefind itself are not part of page load.
 */
const clientDir = join(inject('outDir'), 'client');
const BUDGET = 10 * 1024;

function staticJs(html: string): { inline: string[]; files: string[] } {
	const inline: string[] = [];
	const files = new Set<string>();
	for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const src = /\bsrc="([^"]+)"/.exec(match[1]!)?.[1];
		if (src) files.add(src);
		else if (match[2]!.trim()) inline.push(match[2]!);
	}
	for (const link of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) files.add(link[1]!);
	// Follow static `import ... from "./x.js"` (not dynamic import()) through the chunks.
	const queue = [...files];
	while (queue.length) {
		const file = queue.shift()!;
		const code = readFileSync(join(clientDir, file), 'utf8');
		for (const imported of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
			const path = new URL(imported[1]!, `http://site${file}`).pathname;
			if (!files.has(path)) {
				files.add(path);
				queue.push(path);
			}
		}
	}
	return { inline, files: [...files] };
}

function pages(dir = clientDir): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.name === 'pagefind' || entry.name === '_astro') return [];
		const path = join(dir, entry.name);
		return entry.isDirectory() ? pages(path) : entry.name.endsWith('.html') ? [path] : [];
	});
}

describe('JavaScript before search opens', () => {
	it.each(pages().map((p) => [p.slice(clientDir.length)]))('%s ships at most 10 kB compressed and no Pagefind', (page) => {
		const html = readFileSync(join(clientDir, page), 'utf8');
		const { inline, files } = staticJs(html);
		const bytes = [...inline, ...files.map((f) => readFileSync(join(clientDir, f), 'utf8'))].reduce(
			(sum, code) => sum + gzipSync(code, { level: 9 }).length,
			0,
		);
		console.log(`${page}: ${bytes} bytes of JS (gzip) before search opens, ${files.length} files + ${inline.length} inline`);
		expect(bytes).toBeGreaterThan(0);
		expect(bytes).toBeLessThanOrEqual(BUDGET);
		expect(files.some((f) => f.includes('pagefind'))).toBe(false);
		expect(html).not.toMatch(/<(?:script|link)[^>]+pagefind/);
	});
});
