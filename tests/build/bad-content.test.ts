import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

/** The real `astro build` must refuse broken guides with the file, the field or line, and the fix. */
const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-bad-content-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function buildWith(guides: Record<string, string>) {
	const content = join(scratch, `content-${Object.keys(guides).join('-')}`);
	for (const [id, source] of Object.entries(guides)) {
		mkdirSync(join(content, id), { recursive: true });
		writeFileSync(join(content, id, 'index.mdx'), source);
	}
	const result = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: {
			...process.env,
			STEPCHECK_CONTENT_DIR: content,
			STEPCHECK_OUT_DIR: join(scratch, 'out'),
			STEPCHECK_CACHE_DIR: join(scratch, 'cache'),
		},
	});
	// Astro colours its errors when it believes a terminal (or CI) will show them.
	return { status: result.status, output: stripVTControlCharacters(result.stdout + result.stderr) };
}

const frontMatter = (fields: string) => `---\ntitle: A broken guide\n${fields}\ntags: [aws]\n---\n`;

describe('a build with bad content', () => {
	it('fails on a front-matter error, naming the file, the field and the fix', () => {
		const { status, output } = buildWith({
			'bad-date': frontMatter(`description: ${'x'.repeat(170)}\npublished: 09-12-2019`) + '\nText.\n',
		});
		expect(status).not.toBe(0);
		expect(output).toContain('bad-date/index.mdx');
		expect(output).toMatch(/description: `description` is 170 characters; .*Shorten it to 160 or fewer/);
		expect(output).toMatch(
			/published: `published` "09-12-2019" is ambiguous: it reads as 2019-09-12 \(month first\) or 2019-12-09 \(day first\)/,
		);
	});

	it('fails on a body error, naming the file and line of each problem', () => {
		const body = '\n![](./missing.png)\n\n<Steps>\nFirst, a paragraph.\n\n1. A step\n</Steps>\n';
		const { status, output } = buildWith({ 'bad-body': frontMatter('description: Fine.\npublished: 2024-01-01') + body });
		expect(status).not.toBe(0);
		expect(output).toMatch(/Stepcheck found 3 problems in guide content/);
		expect(output).toMatch(/bad-body\/index\.mdx:8 +The screenshot "\.\/missing\.png" has no alt text/);
		expect(output).toMatch(/bad-body\/index\.mdx:8 +The image "\.\/missing\.png" does not exist next to the guide/);
		expect(output).toMatch(/bad-body\/index\.mdx:10 +<Steps> must hold exactly one ordered list/);
	});
});
