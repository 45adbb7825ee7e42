// Renders each guide's illustration sources (`src/content/guides/<slug>/illustrations/*.html`)
// to PNG screenshots beside the guide with Debian's Chromium, so an author can regenerate
// them after an edit or drop a real screenshot with the same name in their place.
//
//   npm run illustrations                 every guide
//   npm run illustrations -- <slug> ...   only these guides
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { DEVICE_SCALE, illustrationPage, illustrationWidth, layoutProblems, fitIllustration } from './illustrations/page.mjs';

const GUIDES = resolve('src/content/guides');
const KIT = readFileSync(resolve('src/content/illustration-kit/console.css'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
	console.error('Chromium is needed: install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.');
	process.exit(1);
}

const only = process.argv.slice(2);
const slugs = readdirSync(GUIDES, { withFileTypes: true })
	.filter((d) => d.isDirectory() && (only.length === 0 || only.includes(d.name)))
	.map((d) => d.name);
const unknown = only.filter((s) => !slugs.includes(s));
if (unknown.length) {
	console.error(`No guide folder for: ${unknown.join(', ')} (looked in src/content/guides).`);
	process.exit(1);
}

const browser = await chromium.launch({
	executablePath: CHROMIUM,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
});
let rendered = 0;
const problems = [];
try {
	for (const slug of slugs) {
		const folder = join(GUIDES, slug, 'illustrations');
		if (!existsSync(folder)) continue;
		for (const file of readdirSync(folder)
			.filter((f) => f.endsWith('.html'))
			.sort()) {
			const source = join(folder, file);
			const html = readFileSync(source, 'utf8');
			const width = illustrationWidth(html, source);
			const context = await browser.newContext({ viewport: { width, height: 2000 }, deviceScaleFactor: DEVICE_SCALE });
			const tab = await context.newPage();
			await tab.setContent(illustrationPage(html, KIT, width), { waitUntil: 'load' });
			const measured = await tab.evaluate(fitIllustration);
			const found = layoutProblems(source, width, measured);
			if (found.length) {
				problems.push(...found);
				await context.close();
				continue;
			}
			const raw = await tab.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height: measured.height } });
			await context.close();
			const target = join(GUIDES, slug, `${basename(file, '.html')}.png`);
			// Palette PNGs keep the repository small; the site re-encodes them to AVIF/WebP anyway.
			const png = await sharp(raw).png({ compressionLevel: 9, palette: true, quality: 90 }).toBuffer();
			writeFileSync(target, png);
			rendered += 1;
			console.log(`${slug}/${basename(target)}  ${width}×${measured.height} at ${DEVICE_SCALE}x  ${(png.length / 1024).toFixed(0)} kB`);
		}
	}
} finally {
	await browser.close();
}
console.log(`Rendered ${rendered} illustration${rendered === 1 ? '' : 's'}.`);
if (problems.length) {
	console.error(`\nNot rendered, fix the source first:\n${problems.join('\n')}`);
	process.exit(1);
}
