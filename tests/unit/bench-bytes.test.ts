import { describe, expect, it } from 'vitest';
import { oversizedImages, resourceKind, tallyBytes } from '../../scripts/bench/bytes.mjs';

describe('bench byte accounting: kinds', () => {
	it.each([
		[{ url: 'http://x/guides/a/', resourceType: 'document' }, 'html'],
		[{ url: 'http://x/_astro/a.css', resourceType: 'Stylesheet' }, 'css'],
		[{ url: 'http://x/_astro/a.js', resourceType: 'script' }, 'js'],
		[{ url: 'http://x/_astro/a.avif', resourceType: 'image' }, 'image'],
		[{ url: 'http://x/f.woff2', resourceType: 'font' }, 'font'],
		// fetch()ed resources are judged by their MIME type, then their extension
		[{ url: 'http://x/pagefind/pagefind.js', resourceType: 'fetch', mimeType: 'text/javascript; charset=utf-8' }, 'js'],
		[{ url: 'http://x/pagefind/wasm.en.pagefind', resourceType: 'fetch', mimeType: 'application/octet-stream' }, 'other'],
		[{ url: 'http://x/pic.webp?v=2', resourceType: 'other' }, 'image'],
		[{ url: 'http://x/pagefind/pagefind-entry.json', resourceType: 'fetch', mimeType: 'application/json' }, 'other'],
	] as const)('%o is %s', (request, kind) => {
		expect(resourceKind(request)).toBe(kind);
	});
});

describe('bench byte accounting: tallies', () => {
	it('adds transferred bytes per kind and in total, counting requests', () => {
		const tally = tallyBytes([
			{ url: 'http://x/', resourceType: 'document', transferredBytes: 5_000 },
			{ url: 'http://x/a.js', resourceType: 'script', transferredBytes: 1_200 },
			{ url: 'http://x/b.js', resourceType: 'script', transferredBytes: 800 },
			{ url: 'http://x/s.avif', resourceType: 'image', transferredBytes: 40_000 },
			{ url: 'http://x/p.pf_meta', resourceType: 'fetch', transferredBytes: 300 },
		]);
		expect(tally).toEqual({ html: 5_000, css: 0, js: 2_000, image: 40_000, font: 0, other: 300, total: 47_300, requests: 5 });
	});

	it('gives zeros for no requests', () => {
		expect(tallyBytes([]).total).toBe(0);
	});

	it('refuses a request without a usable size and names it', () => {
		expect(() => tallyBytes([{ url: 'http://x/a.js', transferredBytes: Number.NaN }])).toThrow(/http:\/\/x\/a\.js/);
		expect(() => tallyBytes([{ url: 'http://x/b.js', transferredBytes: -1 }])).toThrow(/loadingFinished/);
	});
});

describe('bench byte accounting: images larger than shown', () => {
	const image = (naturalWidth: number, displayWidth: number, url = 'http://x/s.avif') => ({
		url,
		naturalWidth,
		naturalHeight: Math.round((naturalWidth * 900) / 1440),
		displayWidth,
		displayHeight: (displayWidth * 900) / 1440,
	});

	it('accepts an image no wider than its displayed size × DPR (within the srcset tolerance)', () => {
		expect(oversizedImages([image(1080, 358)], 3)).toEqual([]);
		expect(oversizedImages([image(720, 720)], 1)).toEqual([]);
		expect(oversizedImages([image(780, 720)], 1)).toEqual([]); // 1.08×, within 1.1
	});

	it('flags an image downloaded wider than it is shown, with the width it needed', () => {
		const [big] = oversizedImages([image(1440, 358)], 1);
		expect(big).toMatchObject({ naturalWidth: 1440, neededWidth: 358 });
		expect(big!.ratio).toBeCloseTo(1440 / 358);
	});

	it('flags an image downloaded but not shown at all', () => {
		const hidden = oversizedImages([image(400, 0, 'http://x/zoom.avif')], 2);
		expect(hidden.map((i) => i.url)).toEqual(['http://x/zoom.avif']);
		expect(hidden[0]!.ratio).toBe(Infinity);
	});

	it('uses the device pixel ratio: the same file is fine at DPR 3 and too big at DPR 1', () => {
		expect(oversizedImages([image(1080, 360)], 3)).toHaveLength(0);
		expect(oversizedImages([image(1080, 360)], 1)).toHaveLength(1);
	});

	it('does not flag a cropped image that is too wide but not too tall', () => {
		const cropped = { url: 'http://x/c.avif', naturalWidth: 1440, naturalHeight: 300, displayWidth: 720, displayHeight: 300 };
		expect(oversizedImages([cropped], 1)).toEqual([]);
	});

	it('ignores images that have not loaded (no natural size)', () => {
		expect(oversizedImages([image(0, 300)], 1)).toEqual([]);
	});
});
