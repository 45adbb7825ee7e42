import { describe, expect, it } from 'vitest';
import { originalsIn, parseScreenshotFileName, screenshotFilesIn, screenshotFileUrl } from '../../src/lib/images/screenshot-files';

describe('screenshot file names', () => {
	it('names a file beside its original, under any base, saying how to make it again', () => {
		const options = { width: 609, quality: 50, fingerprint: '6b703d', format: 'avif' } as const;
		expect(screenshotFileUrl('/_astro/shot-01.B1pWzJfK.png', options)).toBe('/_astro/shot-01.B1pWzJfK.png.609w-q50-6b703d.avif');
		expect(screenshotFileUrl('/security/_astro/a.Xy_-9.png?v=1', options)).toBe('/security/_astro/a.Xy_-9.png.609w-q50-6b703d.avif');
		expect(parseScreenshotFileName('shot-01.B1pWzJfK.png.960w-q30-6b703d.avif')).toEqual({
			original: 'shot-01.B1pWzJfK.png',
			width: 960,
			quality: 30,
			fingerprint: '6b703d',
			format: 'avif',
		});
	});

	it.each([
		'shot-01.B1pWzJfK.png',
		'shot.png.609w-q50-6b703d.png',
		'shot.txt.609w-q50-6b703d.webp',
		'shot.png.609-q50-6b703d.webp',
		'shot.png.609w-q50-zz.webp',
	])('does not read %s as a screenshot file', (name) => expect(parseScreenshotFileName(name)).toBeNull());

	it('finds each file a page points at once, in srcset lists and under a base path, and nothing else', () => {
		const html = `<picture>
			<source type="image/avif" srcset="/docs/_astro/a.H1.png.609w-q50-abc123.avif 609w, /docs/_astro/a.H1.png.960w-q30-abc123.avif 960w" sizes="100vw">
			<source type="image/webp" srcset="/docs/_astro/a.H1.png.609w-q80-abc123.webp 609w,/docs/_astro/a.H1.png.960w-q80-abc123.webp 960w">
			<img src="/docs/_astro/a.H1.png" alt=""></picture>
			<a href="/docs/_astro/a.H1.png.609w-q50-abc123.avif">again</a> <img src="/elsewhere/b.png.609w-q50-abc123.avif">`;
		expect(screenshotFilesIn(html, '_astro').sort()).toEqual([
			'a.H1.png.609w-q50-abc123.avif',
			'a.H1.png.609w-q80-abc123.webp',
			'a.H1.png.960w-q30-abc123.avif',
			'a.H1.png.960w-q80-abc123.webp',
		]);
		expect(screenshotFilesIn(html.replaceAll('_astro', 'assets'), 'assets/')).toHaveLength(4);
	});

	it('finds the originals a page points at by their own name, not as the stem of an encoded file', () => {
		const html = `<img src="/docs/_astro/a.H1.png.609w-q50-abc123.avif"> <a href="/docs/_astro/b.H2.png">full</a>
			{"to":"/docs/_astro/c.H3.jpg"} <img srcset="/docs/_astro/d.H4.webp 2x, /docs/_astro/e.H5.png.960w-q30-abc123.avif 960w">`;
		expect(originalsIn(html, '_astro').sort()).toEqual(['b.H2.png', 'c.H3.jpg', 'd.H4.webp']);
		expect(originalsIn('<img src="/docs/_astro/a.H1.png.1440w-q75-abc123.webp">', '_astro')).toEqual([]);
	});
});
