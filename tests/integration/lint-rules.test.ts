import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installedTool } from '../../scripts/tools.mjs';
import { ROOT } from '../support/paths';

/**
 * `npm run lint` runs ESLint from the first-use install of tools/lint/ with the repository's
 * eslint.config.js; these show that setup still refuses what the rules forbid.
 */
const modules = installedTool('lint');
const eslintPath = createRequire(join(modules, '..', 'package.json')).resolve('eslint');
/** The part of ESLint's Node API used here (its types live with it in tools/lint/). */
interface LintResult {
	messages: { ruleId: string | null }[];
}
interface Linter {
	lintFiles(patterns: string[]): Promise<LintResult[]>;
	lintText(code: string, options: { filePath: string }): Promise<LintResult[]>;
}
const { ESLint } = (await import(pathToFileURL(eslintPath).href)) as { ESLint: new (options: { cwd: string }) => Linter };
const eslint = new ESLint({ cwd: ROOT });

// Inside src/, where the no-cycle rule applies; removed after the tests.
const probe = join(ROOT, 'src/lib', `.lint-probe-${process.pid}`);
afterAll(() => rmSync(probe, { recursive: true, force: true }));

const ruleIds = (results: LintResult[]) => results.flatMap((result) => result.messages.map((message) => message.ruleId));

describe('the lint of the repository', () => {
	it('refuses an import cycle in src/', { timeout: 60_000 }, async () => {
		mkdirSync(probe, { recursive: true });
		writeFileSync(join(probe, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
		writeFileSync(join(probe, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
		expect(ruleIds(await eslint.lintFiles([join(probe, 'a.ts'), join(probe, 'b.ts')]))).toEqual(['import-x/no-cycle', 'import-x/no-cycle']);
	});

	it('refuses an unused variable in a .ts file and in an .astro component', { timeout: 60_000 }, async () => {
		const ts = await eslint.lintText('const unused = 1;\nexport {};\n', { filePath: join(ROOT, 'src/lib/probe.ts') });
		const astro = await eslint.lintText('---\nconst unused: number = 1;\n---\n<p>probe</p>\n', {
			filePath: join(ROOT, 'src/components/Probe.astro'),
		});
		expect(ruleIds(ts)).toEqual(['@typescript-eslint/no-unused-vars']);
		expect(ruleIds(astro)).toEqual(['@typescript-eslint/no-unused-vars']);
	});

	it('passes the same code without the mistake', { timeout: 60_000 }, async () => {
		const results = await eslint.lintText('export const used = 1;\n', { filePath: join(ROOT, 'src/lib/probe.ts') });
		expect(ruleIds(results)).toEqual([]);
	});
});
