import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANION_MAX_BYTES } from '../../scripts/bench/budgets.mjs';
import { bundleCompanion, type CompanionBundle } from '../../src/integrations/companion-file';
import { bundledPackages, noticesComment, packageFolder } from '../../src/integrations/companion-notices';

/** What readers download: only permissive code, and the notices its licences ask for. */
describe('the companion bundle', () => {
	let bundle: CompanionBundle;
	beforeAll(async () => {
		bundle = await bundleCompanion({ siteOrigin: 'https://stepcheck.test', extraOrigins: [], port: 4319, version: '0.0.0-test' });
		// esbuild takes 3 s on an idle machine; a machine busy with builds can make it 10 s and more.
	}, 60_000);

	it(`is at most ${COMPANION_MAX_BYTES / 1000} kB, licence notices included (half the file that carried the AGPL evaluator)`, () => {
		expect(bundle.code.byteLength).toBeLessThanOrEqual(COMPANION_MAX_BYTES);
	});

	it("has no @cloud-copilot module among esbuild's inputs (the AGPL evaluator is a site owner's add-on)", () => {
		expect(bundle.inputs.length).toBeGreaterThan(50);
		expect(bundle.inputs.some((input) => input.includes('@aws-sdk/client-iam'))).toBe(true);
		expect(bundle.inputs.filter((input) => input.includes('@cloud-copilot'))).toEqual([]);
	});

	it('ends with the name, version and licence of every package it bundles, and their licence texts', () => {
		const code = Buffer.from(bundle.code).toString('utf8');
		const notices = code.slice(code.lastIndexOf('/*!\n * Third-party software in this file'));
		const packages = bundledPackages(bundle.inputs);
		expect(packages.map((pkg) => pkg.name)).toContain('zod');
		for (const pkg of packages) expect(notices).toContain(`${pkg.name}@${pkg.version} (${pkg.license})`);
		expect(notices).toContain('Apache License');
		expect(notices).toContain('Permission is hereby granted, free of charge');
		expect(notices.trimEnd().endsWith('*/')).toBe(true);
	});
});

describe("the checks' zod", () => {
	it('is the very zod that astro/zod re-exports (zod/mini is its tree-shakable API, not a second library)', () => {
		const fromProject = createRequire(import.meta.url).resolve('zod/package.json');
		const fromAstro = createRequire(createRequire(import.meta.url).resolve('astro/package.json')).resolve('zod/package.json');
		expect(fromProject).toBe(fromAstro);
	});
});

describe('bundledPackages and noticesComment', () => {
	let root: string;
	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'stepcheck-notices-'));
		const pkg = (folder: string, manifest: object, files: Record<string, string>) => {
			mkdirSync(join(root, folder, 'lib'), { recursive: true });
			writeFileSync(join(root, folder, 'package.json'), JSON.stringify(manifest));
			for (const [name, text] of Object.entries(files)) writeFileSync(join(root, folder, name), text);
		};
		pkg('node_modules/@scope/a', { name: '@scope/a', version: '1.0.0', license: 'MIT' }, { LICENSE: 'MIT text, not closing */ early' });
		pkg('node_modules/b', { name: 'b', version: '2.0.0', license: 'MIT' }, { 'LICENSE.md': 'MIT  text,\nnot closing */ early' });
	});
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('finds the package folder of a file, scoped or not', () => {
		expect(packageFolder(join(root, 'node_modules/@scope/a/lib/x.js'))).toBe(join(root, 'node_modules/@scope/a'));
		expect(packageFolder(join(root, 'node_modules/b/lib/x.js'))).toBe(join(root, 'node_modules/b'));
		expect(packageFolder(join(root, 'src/x.ts'))).toBeNull();
	});

	it('prints each licence text once, and never closes the comment early', () => {
		const packages = bundledPackages([
			join(root, 'node_modules/@scope/a/lib/x.js'),
			join(root, 'node_modules/b/lib/x.js'),
			join(root, 'node_modules/b/lib/y.js'),
		]);
		expect(packages.map((pkg) => `${pkg.name}@${pkg.version} ${pkg.license}`)).toEqual(['@scope/a@1.0.0 MIT', 'b@2.0.0 MIT']);
		const comment = noticesComment(packages);
		expect(comment.match(/--- .* ---/g)).toEqual(['--- @scope/a, b ---']);
		expect(comment.indexOf('*/')).toBe(comment.length - 3);
	});

	it("prints shared licence terms once and keeps each package's own copyright lines", () => {
		const terms = 'Apache License\nVersion 2.0\n\n1. Definitions. (the terms)';
		const appendix = (year: string) => `END OF TERMS AND CONDITIONS\n\nCopyright ${year} Amazon.com, Inc.`;
		const packages = [
			{ name: 'c', version: '1.0.0', license: 'Apache-2.0', texts: [`${terms}\n\n${appendix('2018')}`] },
			{ name: 'd', version: '1.0.0', license: 'Apache-2.0', texts: [`${terms.replace('\n\n', '\n  \n')}\n${appendix('2019')}`] },
			{ name: 'e', version: '1.0.0', license: 'Apache-2.0', texts: [terms] },
		];
		const comment = noticesComment(packages);
		expect(comment.match(/the terms/g)).toHaveLength(1);
		expect(comment).toContain('--- c, d, e ---');
		expect(comment).toContain('Copyright 2018 Amazon.com');
		expect(comment).toContain('Copyright 2019 Amazon.com');
		expect(comment.match(/END OF TERMS AND CONDITIONS/g)).toHaveLength(2);
	});
});
