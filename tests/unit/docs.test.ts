import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

/**
 * The README is a newcomer's page and docs/ holds the rest; these tests keep both honest:
 * the README short, and every link, file path and npm script they name real.
 */
const README_LIMIT_BYTES = 12_000;

function markdownFiles(): string[] {
	const docs = join(ROOT, 'docs');
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) return walk(path);
			return name.endsWith('.md') ? [path] : [];
		});
	return [join(ROOT, 'README.md'), ...walk(docs)];
}

/** The text outside fenced code blocks, where Markdown links and inline code live. */
function prose(markdown: string): string {
	return markdown.replace(/^( *)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+)$/gm)) {
		anchors.add(
			heading!
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.trim()
				.replace(/\s/g, '-'),
		);
	}
	return anchors;
}

interface Named {
	file: string;
	target: string;
}

function relativeLinks(file: string, markdown: string): Named[] {
	const links: Named[] = [];
	for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
		if (/^[a-z][a-z+.-]*:/i.test(target!) || target!.startsWith('/')) continue;
		links.push({ file, target: target! });
	}
	return links;
}

/** Broken relative links of one file: a missing file, or an #anchor no heading makes. */
function brokenLinks(file: string, markdown: string): string[] {
	return relativeLinks(file, markdown).flatMap(({ target }) => {
		const [path, anchor] = target.split('#') as [string, string | undefined];
		const resolved = path === '' ? file : join(dirname(file), decodeURIComponent(path));
		const where = `${relative(ROOT, file)} links to ${target}`;
		if (!existsSync(resolved)) return [`${where}: no such file`];
		if (anchor && resolved.endsWith('.md') && !headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) {
			return [`${where}: no heading makes #${anchor}`];
		}
		return [];
	});
}

/** Repository paths named in inline code: `src/…`, `tests/…`, `scripts/…`, `docs/…`, `.ci/…`. */
function namedPaths(markdown: string): string[] {
	const paths: string[] = [];
	for (const [, code] of prose(markdown).matchAll(/`([^`\n]+)`/g)) {
		for (const word of code!.split(/[\s,;()]+/)) {
			if (!/^(src|tests|scripts|docs|public|\.ci)\//.test(word)) continue;
			// A placeholder (`src/lib/checks/<id>.ts`) names a pattern, not one file.
			if (/[<>*{}…]/.test(word)) continue;
			paths.push(word.replace(/[.:]$/, ''));
		}
	}
	return paths;
}

function npmScripts(markdown: string): string[] {
	return [...markdown.matchAll(/npm run ([a-z][\w-]*(?::[a-z][\w-]*)*)/g)].map(([, name]) => name!);
}

const files = markdownFiles();
const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts);

describe('README', () => {
	it(`stays a two-minute read: at most ${README_LIMIT_BYTES} bytes`, () => {
		expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_LIMIT_BYTES);
	});

	it('shows one screenshot committed under docs/', () => {
		const images = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/!\[[^\]]+\]\((docs\/[^)]+)\)/g)];
		expect(images).toHaveLength(1);
		expect(existsSync(join(ROOT, images[0]![1]!))).toBe(true);
	});

	it('links to the docs index, which lists every page in docs/', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain('(docs/README.md)');
		const index = readFileSync(join(ROOT, 'docs/README.md'), 'utf8');
		for (const name of readdirSync(join(ROOT, 'docs')).filter((entry) => entry.endsWith('.md') && entry !== 'README.md')) {
			expect(index, `docs/README.md lists ${name}`).toContain(`](${name})`);
		}
	});
});

describe.each(files.map((file) => [relative(ROOT, file), file] as const))('%s', (_name, file) => {
	const markdown = readFileSync(file, 'utf8');

	it('has no relative link that leads nowhere', () => {
		expect(brokenLinks(file, markdown)).toEqual([]);
	});

	it('names only files and folders that exist', () => {
		expect(namedPaths(markdown).filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
	});

	it('names only npm scripts that package.json defines', () => {
		expect(npmScripts(markdown).filter((name) => !scripts.includes(name))).toEqual([]);
	});
});

describe('the checks themselves', () => {
	const page = join(ROOT, 'docs/page.md');

	it('find a missing file, a missing anchor, a missing path and a missing script', () => {
		expect(brokenLinks(page, '[a](nowhere.md) [b](README.md#no-such-heading) [c](live-checks.md#reader-paths)')).toEqual([
			'docs/page.md links to nowhere.md: no such file',
			'docs/page.md links to README.md#no-such-heading: no heading makes #no-such-heading',
		]);
		expect(namedPaths('see `src/lib/nothing-here.ts` and `src/lib/checks/<id>.ts`')).toEqual(['src/lib/nothing-here.ts']);
		expect(npmScripts('run `npm run no-such-script -- --x`').filter((name) => !scripts.includes(name))).toEqual(['no-such-script']);
	});

	it('leave out links and paths inside fenced code', () => {
		expect(brokenLinks(page, '```md\n[a](nowhere.md) `src/nothing.ts`\n```\n')).toEqual([]);
		expect(namedPaths('```md\n`src/nothing.ts`\n```\n')).toEqual([]);
	});
});
