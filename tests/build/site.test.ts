import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { attr, elements, loadPages, publishedGuideIds, type BuiltPage } from '../support/built-site';
import { DENSE_MEDIA } from '../../src/lib/images/screenshot-options';
import { readingMinutes } from '../../src/lib/guides/reading-order';
import { ROOT } from '../support/paths';

const client = join(inject('outDir'), 'client');
let pages: BuiltPage[];
const guideIds = publishedGuideIds();

beforeAll(() => {
	pages = loadPages(client);
});

const page = (path: string) => {
	const found = pages.find((p) => p.path === path);
	if (!found) throw new Error(`No built page for ${path}`);
	return found;
};

describe('built site', () => {
	it('has a page for every published guide', () => {
		expect(guideIds.length).toBeGreaterThan(0);
		for (const id of guideIds) expect(existsSync(join(client, 'guides', id, 'index.html')), id).toBe(true);
	});

	it('shows each live check once per page, at the step it verifies; elsewhere a link is enough', () => {
		for (const id of guideIds) {
			const boxes = elements(page(`/guides/${id}/`).tree, 'live-check').map((box) => attr(box, 'dataCheck'));
			expect(new Set(boxes).size, `${id} has the same live check twice: ${boxes.join(', ')}`).toBe(boxes.length);
		}
		// The MFA guide's check sits at step 10; its introduction links there.
		const mfa = page('/guides/turn-on-mfa-aws/');
		const step10 = elements(mfa.tree, 'li').find((li) => attr(li, 'id') === 'step-10')!;
		expect(elements(step10, 'live-check').map((box) => attr(box, 'dataCheck'))).toEqual(['mfa']);
		expect(elements(mfa.tree, 'a').some((a) => attr(a, 'href') === '#step-10' && !elements(step10, 'a').includes(a))).toBe(true);
	});

	it("gives every guide its reading time, counted from the guide's source", () => {
		// The content store keeps no guide's source, so the page reads its file (guides-loader.ts).
		for (const id of guideIds) {
			const source = readFileSync(join(ROOT, 'src/content/guides', id, 'index.mdx'), 'utf8');
			expect(page(`/guides/${id}/`).html, id).toContain(`· ${readingMinutes(source)} min read`);
		}
		expect(guideIds.some((id) => !page(`/guides/${id}/`).html.includes('· 1 min read'))).toBe(true);
	});

	it('gives every guide numbered, linkable steps', () => {
		for (const id of guideIds) {
			const steps = elements(page(`/guides/${id}/`).tree, 'li').filter((li) => /^step-\d+$/.test(attr(li, 'id') ?? ''));
			expect(steps.length, id).toBeGreaterThanOrEqual(3);
			steps.forEach((li, i) => {
				expect(attr(li, 'id')).toBe(`step-${i + 1}`);
				expect(elements(li, 'a').some((a) => attr(a, 'href') === `#step-${i + 1}`)).toBe(true);
			});
		}
	});

	it('serves every screenshot as AVIF at its 1× width, a denser file only to wide high-density screens, the full-size WebP as fallback and alt text', () => {
		let checked = 0;
		for (const id of guideIds) {
			const pictures = elements(page(`/guides/${id}/`).tree, 'picture');
			pictures.forEach((picture, index) => {
				const where = `${id} picture ${index + 1}`;
				const sources = elements(picture, 'source');
				const inline = sources.at(-1)!;
				expect(attr(inline, 'type'), `${where}: the last source is the AVIF every other screen takes`).toBe('image/avif');
				expect(attr(inline, 'media'), `${where}: AVIF source for every screen`).toBeUndefined();
				expect(attr(inline, 'srcSet')?.trim(), `${where}: one AVIF width`).toMatch(/^\S+ \d+w$/);
				expect(attr(inline, 'sizes'), `${where}: sizes`).toBeTruthy();
				for (const dense of sources.slice(0, -1)) {
					expect(attr(dense, 'media'), `${where}: a denser source only past the phone layout at 1.5×`).toBe(DENSE_MEDIA);
					expect(attr(dense, 'srcSet')?.trim(), `${where}: dense srcset`).toMatch(/^\S+ \d+w$/);
				}
				expect(sources.length, `${where}: at most one denser source`).toBeLessThanOrEqual(2);
				const [img] = elements(picture, 'img');
				expect(img, where).toBeDefined();
				expect(attr(img!, 'alt')?.trim(), `${where}: alt`).toBeTruthy();
				expect(Number(attr(img!, 'width')), `${where}: width`).toBeGreaterThan(0);
				expect(Number(attr(img!, 'height')), `${where}: height`).toBeGreaterThan(0);
				// The full-size WebP (also the zoom view) is the one fallback, not a set.
				expect(attr(img!, 'src'), `${where}: img src`).toMatch(/\.(?:png|jpe?g|webp)\.\d+w-q\d+-[0-9a-f]+\.webp$/);
				expect(attr(img!, 'srcSet'), `${where}: img srcset`).toBeUndefined();
				expect(attr(img!, 'loading'), `${where}: loading`).toBe(index === 0 ? 'eager' : 'lazy');
				checked += 1;
			});
		}
		expect(checked).toBeGreaterThan(0);
	});

	it('ships no AWS SDK or policy evaluator to the browser: no bundle imports them', () => {
		const scripts = readdirSync(join(client, '_astro')).filter((name) => name.endsWith('.js'));
		expect(scripts.length).toBeGreaterThan(0);
		for (const name of scripts) {
			const code = readFileSync(join(client, '_astro', name), 'utf8');
			expect(code, `${name} imports a server-only package`).not.toMatch(/["']@(?:aws-sdk|smithy|aws-crypto|cloud-copilot)\//);
		}
	});

	it('writes every file a srcset names, in its format and at the width it claims', async () => {
		let checked = 0;
		for (const id of guideIds) {
			for (const source of elements(page(`/guides/${id}/`).tree, 'source')) {
				for (const candidate of attr(source, 'srcSet')!.split(',')) {
					const [url, descriptor] = candidate.trim().split(/\s+/);
					const file = join(client, url!);
					expect(existsSync(file), `${id}: ${url}`).toBe(true);
					const meta = await sharp(file).metadata();
					expect(`image/${meta.format === 'heif' ? 'avif' : meta.format}`, url).toBe(attr(source, 'type'));
					expect(`${meta.width}w`, url).toBe(descriptor);
					checked += 1;
				}
			}
		}
		expect(checked).toBeGreaterThan(0);
	});

	it('opens a WebP of the original, at its own size, as the full-size view and the fallback, and deploys no original', async () => {
		let checked = 0;
		for (const id of guideIds) {
			for (const link of elements(page(`/guides/${id}/`).tree, 'a').filter((a) => attr(a, 'dataZoom') !== undefined)) {
				const [img] = elements(link, 'img');
				const href = attr(link, 'href')!;
				expect(attr(img!, 'src'), `${id}: fallback and zoom are one file`).toBe(href);
				const meta = await sharp(join(client, href)).metadata();
				expect([meta.format, meta.width, meta.height], `${href} is a WebP drawn at its own size`).toEqual([
					'webp',
					Number(attr(img!, 'width')),
					Number(attr(img!, 'height')),
				]);
				const original = href.replace(/\.\d+w-q\d+-[0-9a-f]+\.webp$/, '');
				expect(existsSync(join(client, original)), `${original} is not deployed`).toBe(false);
				checked += 1;
			}
		}
		expect(checked).toBeGreaterThan(0);
	});

	it('writes a valid sitemap listing the home page and every guide, and no 404', () => {
		const index = readFileSync(join(client, 'sitemap-index.xml'), 'utf8');
		expect(XMLValidator.validate(index)).toBe(true);
		const xml = readFileSync(join(client, 'sitemap-0.xml'), 'utf8');
		expect(XMLValidator.validate(xml)).toBe(true);
		const urls: string[] = [new XMLParser().parse(xml).urlset.url].flat().map((u: { loc: string }) => new URL(u.loc).pathname);
		expect(urls).toContain('/');
		for (const id of guideIds) expect(urls).toContain(`/guides/${id}/`);
		expect(urls.some((u) => u.includes('404'))).toBe(false);
	});

	it('writes a valid RSS feed with one item per guide', () => {
		const xml = readFileSync(join(client, 'rss.xml'), 'utf8');
		expect(XMLValidator.validate(xml)).toBe(true);
		const channel = new XMLParser().parse(xml).rss.channel;
		expect(channel.title).toBeTruthy();
		const items = [channel.item].flat();
		expect(items.map((i: { link: string }) => new URL(i.link).pathname).sort()).toEqual(guideIds.map((id) => `/guides/${id}/`).sort());
		for (const item of items) expect(new Date(item.pubDate).getTime()).not.toBeNaN();
	});

	it('has a 404 page that search engines skip', () => {
		const notFound = page('/404.html');
		const robots = elements(notFound.tree, 'meta').find((m) => attr(m, 'name') === 'robots');
		expect(attr(robots!, 'content')).toBe('noindex');
		expect(elements(notFound.tree, 'h1')[0]).toBeDefined();
	});

	it('gives every page a title, a description, a canonical URL and social cards', () => {
		for (const p of pages) {
			const metas = elements(p.tree, 'meta');
			const meta = (key: string) => metas.find((m) => attr(m, 'name') === key || attr(m, 'property') === key);
			expect(elements(p.tree, 'title')[0], p.path).toBeDefined();
			expect(attr(meta('description')!, 'content'), p.path).toBeTruthy();
			for (const key of ['og:title', 'og:description', 'og:image', 'twitter:card']) {
				expect(meta(key), `${p.path} ${key}`).toBeDefined();
			}
			const canonical = elements(p.tree, 'link').find((l) => attr(l, 'rel') === 'canonical');
			// A page search engines skip (the 404 answers at every missing URL) names no address
			// of its own; a redirect stub names the page it moved to.
			const isStub = metas.some((m) => attr(m, 'httpEquiv') === 'refresh');
			if (meta('robots') && !isStub) {
				expect(canonical, p.path).toBeUndefined();
				continue;
			}
			expect(attr(meta('og:url')!, 'content'), p.path).toBe(attr(canonical!, 'href'));
			expect(attr(canonical!, 'href'), p.path).toMatch(/^https?:\/\//);
		}
	});

	it('holds the first paint only until the header is parsed, on every page with the site header', () => {
		const withHeader = pages.filter((p) => elements(p.tree, 'header').some((h) => attr(h, 'className')?.includes('site-header')));
		expect(withHeader.length).toBeGreaterThan(guideIds.length);
		for (const p of withHeader) {
			const expectLink = elements(p.tree, 'link').find((l) => attr(l, 'rel') === 'expect');
			expect(attr(expectLink!, 'blocking'), p.path).toBe('render');
			// A target the page lacks would hold the paint until the whole page had arrived.
			const id = attr(expectLink!, 'href')!.replace(/^#/, '');
			const target = elements(p.tree).find((el) => attr(el, 'id') === id);
			expect(target, `${p.path} has no #${id}`).toBeDefined();
			expect(p.html.indexOf(`id="${id}"`), p.path).toBeGreaterThan(p.html.indexOf('site-header'));
		}
	});

	it('has no broken internal link or anchor anywhere', () => {
		const idsByPath = new Map(
			pages.map((p) => [
				p.path,
				new Set(
					elements(p.tree)
						.map((e) => attr(e, 'id'))
						.filter(Boolean),
				),
			]),
		);
		const broken: string[] = [];
		for (const p of pages) {
			for (const a of elements(p.tree, 'a')) {
				const href = attr(a, 'href');
				if (!href || /^(?:[a-z]+:|\/\/)/i.test(href)) continue;
				const url = new URL(href, `http://site${p.path}`);
				// On-demand API routes are not files; their own tests cover them.
				if (url.pathname.startsWith('/api/')) continue;
				const target = url.pathname.endsWith('/') ? url.pathname : url.pathname;
				const targetIds = idsByPath.get(target) ?? idsByPath.get(`${target}/`);
				const asFile = join(client, decodeURIComponent(url.pathname));
				if (!targetIds && !existsSync(asFile)) {
					broken.push(`${p.path}: link to ${href} (no such page or file)`);
					continue;
				}
				const fragment = decodeURIComponent(url.hash.slice(1));
				if (fragment && targetIds && !targetIds.has(fragment)) broken.push(`${p.path}: link to ${href} (no element with id "${fragment}")`);
			}
		}
		expect(broken).toEqual([]);
	});
});
