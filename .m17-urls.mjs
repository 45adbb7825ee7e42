// per-URL compressed sizes of the first search
import { launchBrowser } from '/work/wt-17/scripts/bench/browser.mjs';
import { serveStatic } from '/work/wt-17/scripts/bench/static-server.mjs';
import { gzipSync } from 'node:zlib';
const root = process.argv[2] ?? '/work/wt-17/dist/client';
const q = process.argv[3] ?? 'mfa';
const server = await serveStatic(root);
const browser = await launchBrowser();
try {
	const ctx = await browser.newContext();
	const tab = await ctx.newPage();
	await tab.goto(`${server.url}/guides/turn-on-mfa-aws/`);
	await tab.waitForLoadState('networkidle');
	const rows = [];
	tab.on('requestfinished', async (req) => {
		const res = await req.response();
		const b = await res.body().catch(() => null);
		rows.push([req.url().replace(server.url, ''), b ? b.length : 0, b ? gzipSync(b).length : 0]);
	});
	await tab.keyboard.press('/');
	await tab.waitForTimeout(400);
	await tab.keyboard.type(q, { delay: 80 });
	await tab.waitForLoadState('networkidle');
	await tab.waitForTimeout(1000);
	let t = 0;
	for (const r of rows) {
		const c = /pf_|pagefind$/.test(r[0]) ? r[1] : r[2];
		t += c;
		console.log(String(c).padStart(7), r[0]);
	}
	console.log('total', t);
	console.log(
		await tab.evaluate(() =>
			[...document.querySelectorAll('[role=option]')].map((o) => o.dataset.target + ' | ' + o.textContent.slice(0, 80)).join('\n'),
		),
	);
} finally {
	await browser.close();
	await server.stop();
}
