// @ts-check
/**
 * Writes a planned corpus to disk and renders its screenshots with Debian's Chromium, each at
 * its planned viewport and device scale. Screenshots are cached by the hash of their HTML
 * and size under `.bench/corpus/screenshots/`, so the 200-guide corpus reuses the 20-guide
 * one's images and a second bench run renders nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { CORPUS_VERSION, editGuideText, planCorpus } from './corpus.mjs';
import { screenshotCacheName } from './screenshot-cache.mjs';
import { launchBrowser } from './browser.mjs';

/** @param {string | Buffer} data */
const sha = (data) => createHash('sha256').update(data).digest('hex');

/**
 * Makes `<benchDir>/corpus/<size>` hold N guides (reusing it when already complete) and returns its path.
 * @param {{ benchDir: string, size: number, seed: number, shape: import('./corpus.mjs').CorpusShape, log: (line: string) => void }} options
 */
export async function ensureCorpus({ benchDir, size, seed, shape, log }) {
	const folder = join(benchDir, 'corpus', `v${CORPUS_VERSION}-${shape}-seed${seed}-${size}`);
	const stamp = join(folder, '.complete');
	if (existsSync(stamp)) {
		log(`corpus: reusing ${size} ${shape} guide(s) in ${folder}`);
		return folder;
	}
	rmSync(folder, { recursive: true, force: true });
	const cache = join(benchDir, 'corpus', 'screenshots');
	mkdirSync(cache, { recursive: true });
	const plan = planCorpus(size, seed, shape);
	const missing = plan.flatMap((g) => g.screenshots).filter((s) => !existsSync(join(cache, screenshotCacheName(s))));
	if (missing.length) {
		log(`corpus: rendering ${missing.length} screenshot(s) with Chromium…`);
		const browser = await launchBrowser();
		try {
			let done = 0;
			// The device scale is fixed per browser context, so one context per scale; the viewport changes per shot.
			for (const scale of new Set(missing.map((s) => s.scale))) {
				const batch = missing.filter((s) => s.scale === scale);
				let viewport = /** @type {(typeof batch)[number]} */ (batch[0]).viewport;
				const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
				const tab = await context.newPage();
				for (const shot of batch) {
					if (shot.viewport.width !== viewport.width || shot.viewport.height !== viewport.height) {
						viewport = shot.viewport;
						await tab.setViewportSize(viewport);
					}
					await tab.setContent(shot.html, { waitUntil: 'load' });
					const png = await tab.screenshot({ type: 'png', clip: { x: 0, y: 0, ...shot.viewport } });
					writeFileSync(join(cache, screenshotCacheName(shot)), png);
					done += 1;
					if (done % 50 === 0) log(`corpus: ${done}/${missing.length} screenshots`);
				}
				await context.close();
			}
		} finally {
			await browser.close();
		}
	}
	/** @type {Map<string, string>} */
	const seen = new Map();
	for (const guide of plan) {
		const dir = join(folder, guide.id);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'index.mdx'), guide.source);
		for (const shot of guide.screenshots) {
			const png = readFileSync(join(cache, screenshotCacheName(shot)));
			const digest = sha(png);
			const twin = seen.get(digest);
			if (twin)
				throw new Error(
					`Screenshots ${twin} and ${guide.id}/${shot.file} rendered to identical files; every corpus file must be distinct. Change the page generator in scripts/bench/console-pages.mjs.`,
				);
			seen.set(digest, `${guide.id}/${shot.file}`);
			writeFileSync(join(dir, shot.file), png);
		}
	}
	writeFileSync(stamp, new Date().toISOString());
	log(`corpus: ${size} ${shape} guide(s), ${seen.size} screenshots in ${folder}`);
	return folder;
}

/** A working copy of the corpus that the edit and screenshot-replacement builds may change. @param {string} from @param {string} to */
export function copyCorpus(from, to) {
	rmSync(to, { recursive: true, force: true });
	mkdirSync(to, { recursive: true });
	cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith('.complete') });
}

/**
 * The "one guide's text edited" change, applied to the first guide of a corpus copy.
 * @param {{ pristine: string, working: string, guide: string, file?: string, run: number, transform?: (source: string) => string }} options
 */
export function editOneGuide({ pristine, working, guide, file = 'index.mdx', run, transform = (s) => s }) {
	const source = readFileSync(join(pristine, guide, 'index.mdx'), 'utf8');
	writeFileSync(join(working, guide, file), transform(editGuideText(source, run)));
}

/**
 * The "one screenshot replaced" change: same size and name, different pixels every run
 * (a hue turn of the original), so no image cache can hold it already.
 * @param {{ pristine: string, working: string, guide: string, file: string, run: number }} options
 */
export async function replaceOneScreenshot({ pristine, working, guide, file, run }) {
	const original = join(pristine, guide, file);
	const png = await sharp(original)
		.modulate({ hue: 20 + ((run * 47) % 320) })
		.png()
		.toBuffer();
	writeFileSync(join(working, guide, file), png);
}
