import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { ROOT } from './paths';

/** Reading the built site: every HTML page as a tree, and the guides the sources say should exist. */

function walkFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walkFiles(path) : [path];
	});
}

export interface BuiltPage {
	file: string;
	/** URL path of the page, such as `/guides/turn-on-mfa-aws/`. */
	path: string;
	tree: Root;
	html: string;
}

function urlPathOf(clientDir: string, file: string): string {
	const rel = relative(clientDir, file).split(sep).join('/');
	if (rel === 'index.html') return '/';
	if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
	return `/${rel}`;
}

export function loadPages(clientDir: string): BuiltPage[] {
	return walkFiles(clientDir)
		.filter((f) => f.endsWith('.html'))
		.map((file) => {
			const html = readFileSync(file, 'utf8');
			return { file, path: urlPathOf(clientDir, file), html, tree: fromHtml(html) };
		});
}

export function elements(node: Root | RootContent, tagName?: string): Element[] {
	const found: Element[] = [];
	const visit = (n: Root | RootContent) => {
		if (n.type === 'element' && (!tagName || n.tagName === tagName)) found.push(n);
		if ('children' in n) n.children.forEach(visit);
		if (n.type === 'element' && n.tagName === 'template' && n.content) visit(n.content);
	};
	visit(node);
	return found;
}

export function attr(el: Element, name: string): string | undefined {
	const value = el.properties[name];
	if (value === undefined || value === null || value === false) return undefined;
	return Array.isArray(value) ? value.join(' ') : String(value);
}

/** Guide ids from the sources, drafts left out, as the build should publish them. */
export function publishedGuideIds(): string[] {
	const folder = join(ROOT, 'src/content/guides');
	return readdirSync(folder)
		.filter((id) => existsSync(join(folder, id, 'index.mdx')))
		.filter((id) => !/^draft:\s*true\s*$/m.test(readFileSync(join(folder, id, 'index.mdx'), 'utf8').split(/^---$/m)[1] ?? ''));
}
