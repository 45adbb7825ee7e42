import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('astro.config.mjs', () => {
	it('loads with Node’s own import(), so a build starts no Vite server just to read it', () => {
		// Astro tries a plain import() first and falls back to a Vite dev server (about half a
		// second of every build on a 2-core machine) when it throws. Node strips the types of the
		// .ts files it reaches, but only finds them when each relative import names its extension.
		const load = spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'--eval',
				"const { default: config } = await import('./astro.config.mjs'); console.log(config.integrations.map((i) => i.name).join(','));",
			],
			{
				cwd: ROOT,
				encoding: 'utf8',
				env: { ...process.env, NODE_NO_WARNINGS: '1' },
			},
		);
		expect(load.stderr, 'Write the extension (./file.ts) in every relative import reached from astro.config.mjs').toBe('');
		expect(load.status).toBe(0);
		expect(load.stdout.trim().split(',')).toEqual(
			expect.arrayContaining(['@astrojs/mdx', 'stepcheck-screenshot-files', 'stepcheck-pagefind-index']),
		);
		// A child Node process loads the config and its integrations: seconds on a busy 2-core machine.
	}, 30_000);
});
