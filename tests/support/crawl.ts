import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { attr, elements } from './built-site';

/**
 * A link checker for a served site: starting from one page, it fetches every same-origin URL
 * the pages name (links, stylesheets, scripts, images and their srcsets, feeds, sitemap
 * entries), follows redirects as a browser would, and checks that every `#fragment` names an
 * element of the page it points to. What it finds broken is the test's failure message.
 */

interface BrokenLink {
	/** The page (or feed, sitemap) that named the URL. */
	on: string;
	url: string;
	problem: string;
}

interface CrawlResult {
	pages: number;
	urls: number;
	/** Every path (with query) the crawl fetched on this server. */
	paths: string[];
	fragments: number;
	broken: BrokenLink[];
}

interface Fetched {
	status: number;
	contentType: string;
	body: string;
	/** Ids of the page's elements, for fragment checks; empty for non-HTML. */
	ids: Set<string>;
}

const ATTRIBUTES: Record<string, string[]> = {
	a: ['href'],
	link: ['href'],
	script: ['src'],
	img: ['src', 'srcset'],
	source: ['srcset', 'src'],
	video: ['src', 'poster'],
	iframe: ['src'],
	form: ['action'],
};

function urlsInSrcset(value: string): string[] {
	return value
		.split(',')
		.map((part) => part.trim().split(/\s+/)[0] ?? '')
		.filter(Boolean);
}

/** Every URL an HTML page names, with the element it came from (for messages). */
function urlsOfPage(tree: Root): string[] {
	const found: string[] = [];
	for (const el of elements(tree)) {
		for (const name of ATTRIBUTES[el.tagName] ?? []) {
			const value = attr(el as Element, name);
			if (!value) continue;
			if (name === 'srcset') found.push(...urlsInSrcset(value));
			else found.push(value);
		}
		// The island's API URL is rendered into the markup; a check must find it where it says.
		const api = attr(el as Element, 'dataEndpoint');
		if (api) found.push(api);
	}
	return found;
}

/** `<link>`, `<loc>` and `<url>` entries of feeds and sitemaps. */
function urlsOfXml(body: string): string[] {
	return [...body.matchAll(/<(?:loc|link)>([^<]+)<\/(?:loc|link)>/g)].map((m) => m[1]!.trim());
}

/**
 * Crawls from `starts` (each with the status it should answer: 200, or 404 for the not-found
 * page, whose links are checked too). `publicOrigin` is the site URL that feeds, sitemaps and
 * canonical links name; those URLs are checked on this server.
 */
export async function crawlSite(starts: { url: string; status?: number }[], options: { publicOrigin?: string } = {}): Promise<CrawlResult> {
	const origin = new URL(starts[0]!.url).origin;
	const startStatus = new Map(starts.map((s) => [new URL(s.url).href, s.status ?? 200]));
	const expected = (url: URL) => startStatus.get(`${url.origin}${url.pathname}${url.search}`) ?? 200;
	const fetched = new Map<string, Promise<Fetched>>();
	const broken: BrokenLink[] = [];
	const queue: { url: URL; on: string }[] = starts.map((s) => ({ url: new URL(s.url), on: '(start)' }));
	const seen = new Set<string>();
	const fragmentChecks: { page: string; fragment: string; on: string; url: string }[] = [];
	let pages = 0;

	const load = (key: string) => {
		let pending = fetched.get(key);
		if (!pending) {
			pending = (async () => {
				const response = await fetch(key, { redirect: 'follow', headers: { accept: '*/*' } });
				const contentType = response.headers.get('content-type') ?? '';
				const body = /html|xml|json|text/.test(contentType) ? await response.text() : (await response.arrayBuffer(), '');
				const ids = new Set<string>();
				if (contentType.includes('html'))
					for (const el of elements(fromHtml(body))) if (el.properties.id) ids.add(String(el.properties.id));
				return { status: response.status, contentType, body, ids };
			})();
			fetched.set(key, pending);
		}
		return pending;
	};

	while (queue.length) {
		const batch = queue.splice(0, 8);
		await Promise.all(
			batch.map(async ({ url, on }) => {
				const key = `${url.origin}${url.pathname}${url.search}`;
				const result = await load(key);
				if (url.hash) fragmentChecks.push({ page: key, fragment: decodeURIComponent(url.hash.slice(1)), on, url: url.href });
				if (seen.has(key)) return;
				seen.add(key);
				// A live-check URL answers JSON even when the check cannot run (no AWS here, or a
				// POST-only check asked with GET); only "no such route" or a non-JSON page is broken.
				const isApi = url.pathname.includes('/api/');
				if (isApi) {
					if (result.status === 404 || !result.contentType.includes('json')) {
						broken.push({ on, url: url.href, problem: `answers ${result.status} ${result.contentType}, not a check's JSON` });
					}
					return;
				}
				if (result.status !== expected(url)) {
					broken.push({ on, url: url.href, problem: `answers ${result.status}` });
					return;
				}
				let named: string[] = [];
				if (result.contentType.includes('html')) {
					pages++;
					named = urlsOfPage(fromHtml(result.body));
				} else if (result.contentType.includes('xml')) named = urlsOfXml(result.body);
				for (const raw of named) {
					let target: URL;
					try {
						target = new URL(raw, url);
					} catch {
						broken.push({ on: url.href, url: raw, problem: 'is not a valid URL' });
						continue;
					}
					// Feeds and sitemaps name the public origin; they are checked on this server.
					if (options.publicOrigin && target.origin === options.publicOrigin)
						target = new URL(target.pathname + target.search + target.hash, origin);
					if (target.origin !== origin) continue;
					queue.push({ url: target, on: url.href });
				}
			}),
		);
	}

	for (const check of fragmentChecks) {
		const page = await load(check.page);
		if (page.contentType.includes('html') && !page.ids.has(check.fragment)) {
			broken.push({ on: check.on, url: check.url, problem: `has no element with id "${check.fragment}"` });
		}
	}
	const unique = new Map(broken.map((b) => [`${b.on} ${b.url} ${b.problem}`, b]));
	const paths = [...seen].map((key) => key.slice(origin.length));
	return { pages, urls: seen.size, paths, fragments: fragmentChecks.length, broken: [...unique.values()] };
}
