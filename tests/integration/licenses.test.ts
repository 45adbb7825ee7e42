import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

/**
 * The licence check of CI (`npm run licenses`) against a package tree made here: a site whose
 * production dependencies include an AGPL package fails, naming it; without it, it passes.
 */
function packageTree(dependencies: Record<string, string>, devDependencies: Record<string, string>) {
	const root = mkdtempSync(join(tmpdir(), 'stepcheck-licenses-'));
	const manifest = (folder: string, fields: object) => {
		mkdirSync(folder, { recursive: true });
		writeFileSync(join(folder, 'package.json'), JSON.stringify(fields));
	};
	const versions = (list: Record<string, string>) => Object.fromEntries(Object.keys(list).map((name) => [name, '1.0.0']));
	manifest(root, {
		name: 'fixture-site',
		version: '1.0.0',
		private: true,
		dependencies: versions(dependencies),
		devDependencies: versions(devDependencies),
	});
	for (const [name, license] of Object.entries({ ...dependencies, ...devDependencies })) {
		manifest(join(root, 'node_modules', name), { name, version: '1.0.0', license });
	}
	return root;
}

function licenceCheck(start: string) {
	return spawnSync(process.execPath, [join(ROOT, 'scripts/licenses.mjs'), '--start', start, '--skip-companion'], { encoding: 'utf8' });
}

describe('npm run licenses on a package tree', () => {
	const trees: string[] = [];
	beforeAll(() => {
		trees.push(
			packageTree(
				{ 'permissive-lib': 'MIT', 'dual-lib': '(MIT OR GPL-3.0-only)', 'agpl-lib': 'AGPL-3.0-or-later' },
				{ 'agpl-test-tool': 'AGPL-3.0-only' },
			),
			packageTree({ 'permissive-lib': 'MIT', 'dual-lib': '(MIT OR GPL-3.0-only)' }, { 'agpl-test-tool': 'AGPL-3.0-only' }),
		);
	});
	afterAll(() => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true })));

	it('fails on an AGPL production dependency, naming it, and not on the AGPL tool only tests use', () => {
		const result = licenceCheck(trees[0]!);
		expect(result.status, result.stdout + result.stderr).toBe(1);
		expect(result.stderr).toContain('agpl-lib@1.0.0 (AGPL-3.0-or-later)');
		expect(result.stderr).not.toContain('agpl-test-tool');
		expect(result.stderr).not.toContain('dual-lib');
	}, 240_000);

	it('passes once the AGPL dependency is gone', () => {
		const result = licenceCheck(trees[1]!);
		expect(result.status, result.stdout + result.stderr).toBe(0);
		expect(result.stdout).toContain('every licence allowed');
	}, 240_000);
});
