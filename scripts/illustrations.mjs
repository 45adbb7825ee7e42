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

const GUIDES = resolve('src/content/guides');
const KIT = readFileSync(resolve('src/content/illustration-kit/console.css'), 'utf8');
const DEFAULT_SIZE = { width: 1440, height: 900 };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
	console.error('Chromium is needed: install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.');
	process.exit(1);
}

/** `<meta name="illustration-size" content="1200x700">` sets the canvas; 1440×900 otherwise. */
function sizeOf(html, file) {
	const match = /<meta\s+name="illustration-size"\s+content="(\d+)x(\d+)"/.exec(html);
	if (!match) return DEFAULT_SIZE;
	const size = { width: Number(match[1]), height: Number(match[2]) };
	if (size.width < 200 || size.height < 120 || size.width > 2880) {
		throw new Error(`${file}: illustration-size ${match[1]}x${match[2]} is out of range (200x120 to 2880 wide).`);
	}
	return size;
}

function page(html, size) {
	const badge = '<div class="illustration-badge">Illustration, not a real screenshot</div>';
	const style = `<style>${KIT}\nbody{--w:${size.width}px;--h:${size.height}px}</style>`;
	const withStyle = html.includes('</head>') ? html.replace('</head>', `${style}</head>`) : style + html;
	return withStyle.includes('</body>') ? withStyle.replace('</body>', `${badge}</body>`) : withStyle + badge;
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
try {
	for (const slug of slugs) {
		const folder = join(GUIDES, slug, 'illustrations');
		if (!existsSync(folder)) continue;
		for (const file of readdirSync(folder)
			.filter((f) => f.endsWith('.html'))
			.sort()) {
			const source = join(folder, file);
			const html = readFileSync(source, 'utf8');
			const size = sizeOf(html, source);
			const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
			const tab = await context.newPage();
			await tab.setContent(page(html, size), { waitUntil: 'load' });
			const raw = await tab.screenshot({ type: 'png', clip: { x: 0, y: 0, ...size } });
			await context.close();
			const target = join(GUIDES, slug, `${basename(file, '.html')}.png`);
			// Palette PNGs keep the repository small; the site re-encodes them to AVIF/WebP anyway.
			const png = await sharp(raw).png({ compressionLevel: 9, palette: true, quality: 90 }).toBuffer();
			writeFileSync(target, png);
			rendered += 1;
			console.log(`${slug}/${basename(target)}  ${size.width}×${size.height}  ${(png.length / 1024).toFixed(0)} kB`);
		}
	}
} finally {
	await browser.close();
}
console.log(`Rendered ${rendered} illustration${rendered === 1 ? '' : 's'}.`);
