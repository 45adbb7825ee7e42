import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncodePool } from '../../src/lib/images/encode-pool';
import { preEncodeScreenshots } from '../../src/lib/images/pre-encode-screenshots';
import { contentDigest, openScreenshotCache } from '../../src/lib/images/screenshot-cache';
import { describeSources } from '../../src/lib/images/screenshot-sources';

/** The build's encoder threads, as the integration makes them. */
const pool = createEncodePool(2);
afterAll(() => pool.close());
const VIEW = { format: 'webp', quality: 75 } as const;
let root: string;
let guides: string;
let cacheDir: string;

const png = (width: number, height = 400) =>
	sharp({ create: { width, height, channels: 3, background: '#e9ebed' } })
		.png()
		.toBuffer();

async function preEncode() {
	const cache = await openScreenshotCache(cacheDir);
	const describe = describeSources(guides, cache);
	const report = await preEncodeScreenshots({
		folder: guides,
		cache,
		describe,
		fingerprint: 'abc123',
		view: VIEW,
		lanes: 2,
		pool,
	}).finished();
	await cache.save();
	return report;
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'stepcheck-pre-'));
	guides = join(root, 'guides');
	cacheDir = join(root, 'cache');
	mkdirSync(join(guides, 'a'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('encoding the guides’ screenshots while the build runs', () => {
	it('encodes each image’s default files into the cache, named by its content', async () => {
		const wide = await png(1440, 900);
		writeFileSync(join(guides, 'a', 'step-01.png'), wide);
		writeFileSync(join(guides, 'a', 'notes.md'), 'not an image');
		expect(await preEncode()).toEqual({ images: 1, encoded: 2 });
		const digest = contentDigest(wide);
		expect(readdirSync(cacheDir).sort()).toEqual(
			[`${digest}.1440w-q75-abc123.webp`, `${digest}.609w-q50-abc123.avif`, 'index.json'].sort(),
		);
		const inline = await sharp(join(cacheDir, `${digest}.609w-q50-abc123.avif`)).metadata();
		expect([inline.format, inline.width]).toEqual(['heif', 609]);
	});

	it('encodes nothing again on the next build, and reads only what changed', async () => {
		writeFileSync(join(guides, 'a', 'step-01.png'), await png(800));
		await preEncode();
		expect(await preEncode()).toEqual({ images: 1, encoded: 0 });
		writeFileSync(join(guides, 'a', 'step-01.png'), await png(900));
		expect(await preEncode()).toEqual({ images: 1, encoded: 2 });
	});

	it('never fails a build: an unreadable image is left to the build’s own pass, which reports it', async () => {
		writeFileSync(join(guides, 'a', 'broken.png'), 'not a png at all');
		writeFileSync(join(guides, 'a', 'fine.png'), await png(700));
		expect(await preEncode()).toEqual({ images: 2, encoded: 2 });
	});

	it('does nothing for a guides folder that does not exist', async () => {
		rmSync(guides, { recursive: true });
		expect(await preEncode()).toEqual({ images: 0, encoded: 0 });
	});
});
