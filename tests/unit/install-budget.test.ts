import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentPlatform, directDependencyWeights, installedPackages } from '../../scripts/install-count.mjs';
import { ROOT } from '../support/paths';

/** Issue 28: a fresh clone's `npm ci` installs at most this many packages. */
const NPM_CI_BUDGET = 450;

type Lock = Parameters<typeof installedPackages>[0];
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const linuxGlibc = { os: 'linux', cpu: 'x64', libc: 'glibc' };

describe('npm ci of the project', () => {
	it(`installs at most ${NPM_CI_BUDGET} packages on this platform`, () => {
		const lock = readJson(join(ROOT, 'package-lock.json')) as Lock;
		const platform = currentPlatform();
		const count = installedPackages(lock, platform).size;
		const biggest = directDependencyWeights(lock, platform)
			.slice(0, 8)
			.map(({ name, packages }) => `${name} ${packages}`)
			.join(', ');
		expect(
			count,
			`npm ci would install ${count} packages on ${platform.os}/${platform.cpu}/${platform.libc}, above the budget of ${NPM_CI_BUDGET}. ` +
				`What each direct dependency alone brings, largest first: ${biggest}. ` +
				'A tool only tests, CI or authors run belongs in tools/<name>/ (installed on first use, docs/testing.md), not in devDependencies.',
		).toBeLessThanOrEqual(NPM_CI_BUDGET);
	});
});

describe('counting what npm ci installs from a lockfile', () => {
	const lock = (packages: Lock['packages']): Lock => ({ packages });

	it('follows dependencies, dev dependencies and required peers from the root, and nothing unreachable', () => {
		const counted = installedPackages(
			lock({
				'': { dependencies: { a: '1' }, devDependencies: { d: '1' } },
				'node_modules/a': {
					dependencies: { b: '1' },
					peerDependencies: { p: '1', q: '1' },
					peerDependenciesMeta: { q: { optional: true } },
				},
				'node_modules/b': {},
				'node_modules/d': {},
				'node_modules/p': {},
				'node_modules/q': {},
				'node_modules/stray': {},
			}),
			linuxGlibc,
		);
		expect([...counted].sort()).toEqual(['node_modules/a', 'node_modules/b', 'node_modules/d', 'node_modules/p']);
	});

	it('resolves a dependency to the nearest nested copy, as Node does', () => {
		const counted = installedPackages(
			lock({
				'': { dependencies: { a: '1', b: '2' } },
				'node_modules/a': { dependencies: { b: '1' } },
				'node_modules/a/node_modules/b': {},
				'node_modules/b': {},
			}),
			linuxGlibc,
		);
		expect(counted.size).toBe(3);
		expect(counted.has('node_modules/a/node_modules/b')).toBe(true);
	});

	it('skips optional packages built for another os, cpu or libc, and what only they need', () => {
		const counted = installedPackages(
			lock({
				'': { dependencies: { tool: '1' } },
				'node_modules/tool': {
					optionalDependencies: { 'tool-linux-x64-gnu': '1', 'tool-linux-x64-musl': '1', 'tool-darwin': '1', 'tool-wasm': '1' },
				},
				'node_modules/tool-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'], optional: true },
				'node_modules/tool-linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'], optional: true },
				'node_modules/tool-darwin': { os: ['darwin'], optional: true },
				'node_modules/tool-wasm': { cpu: ['wasm32'], optional: true, dependencies: { 'wasm-runtime': '1' } },
				'node_modules/wasm-runtime': { optional: true },
			}),
			linuxGlibc,
		);
		expect([...counted].sort()).toEqual(['node_modules/tool', 'node_modules/tool-linux-x64-gnu']);
	});

	it('names what each direct dependency alone brings, largest first', () => {
		const weights = directDependencyWeights(
			lock({
				'': { dependencies: { big: '1', small: '1' } },
				'node_modules/big': { dependencies: { x: '1', shared: '1' } },
				'node_modules/small': { dependencies: { shared: '1' } },
				'node_modules/x': {},
				'node_modules/shared': {},
			}),
			linuxGlibc,
		);
		expect(weights).toEqual([
			{ name: 'big', packages: 2 },
			{ name: 'small', packages: 1 },
		]);
	});
});

describe('the first-use tools in tools/', () => {
	const tools = readdirSync(join(ROOT, 'tools'), { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name);

	it('are there', () => {
		expect(tools).toEqual(expect.arrayContaining(['lint', 'knip', 'wrangler', 'licenses', 'astro-check', 'node-22', 'node-24']));
	});

	describe.each(tools)('tools/%s', (tool) => {
		const pkg = readJson(join(ROOT, 'tools', tool, 'package.json'));
		const lock = readJson(join(ROOT, 'tools', tool, 'package-lock.json'));

		it('is private, MIT, and pins every package to an exact version', () => {
			expect(pkg.private).toBe(true);
			expect(pkg.license).toBe('MIT');
			const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
				([, range]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(String(range)),
			);
			expect(loose, `tools/${tool}/package.json: use exact versions ("1.2.3"), not ranges`).toEqual([]);
		});

		it('has a lockfile that matches its package.json', () => {
			expect(lock.name).toBe(pkg.name);
			expect(lock.packages[''].dependencies, `run \`npm install --package-lock-only\` in tools/${tool}`).toEqual(pkg.dependencies);
			for (const [name, version] of Object.entries(pkg.dependencies as Record<string, string>)) {
				expect(lock.packages[`node_modules/${name}`]?.version, `tools/${tool}/package-lock.json locks ${name}`).toBe(version);
			}
		});
	});
});
