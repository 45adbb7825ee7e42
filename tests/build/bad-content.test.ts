import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { productionBuildEnv, ROOT } from '../support/paths';

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
		env: productionBuildEnv({
			STEPCHECK_CONTENT_DIR: content,
			STEPCHECK_OUT_DIR: join(scratch, 'out'),
			STEPCHECK_CACHE_DIR: join(scratch, 'cache'),
		}),
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

	it('fails on YAML that does not parse, at the line where the unclosed quote opens', () => {
		const { status, output } = buildWith({
			'bad-yaml': '---\ntitle: "A broken guide\ndescription: Fine.\npublished: 2024-01-01\ntags: [aws]\n---\n\nText.\n',
		});
		expect(status).not.toBe(0);
		expect(output).toMatch(
			/bad-yaml\/index\.mdx:2 +The front matter is not valid YAML: Missing closing "quote\. Close the quote on the same line/,
		);
		expect(output).toMatch(/Hint:\s+Fix each line named above/);
		expect(output).not.toMatch(/Stack trace/);
	});

	it('fails on a body error with the same content checks the tests run, naming the file and line of each problem', () => {
		const body = [
			'',
			'![](./missing.png)',
			'',
			'<Steps>',
			'First, a paragraph.',
			'',
			'1. A step with an [insecure link](http://example.com/).',
			'</Steps>',
			'',
			'```json',
			'{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:ListAllMyBuckets" }] }',
			'```',
			'',
		].join('\n');
		const { status, output } = buildWith({
			'bad-body': frontMatter('description: Fine.\npublished: 2024-01-01\nreviewed: 2024-01-02') + body,
		});
		expect(status).not.toBe(0);
		expect(output).toMatch(/Stepcheck found 7 problems in guide content/);
		expect(output).toMatch(/bad-body\/index\.mdx:1 +The guide has 1 step inside <Steps>; a guide needs at least 5/);
		expect(output).toMatch(/bad-body\/index\.mdx:1 +The guide has no "## Sources" section/);
		expect(output).toMatch(/bad-body\/index\.mdx:9 +The image "\.\/missing\.png" has no alt text/);
		expect(output).toMatch(/bad-body\/index\.mdx:9 +The image "\.\/missing\.png" does not exist next to the guide/);
		expect(output).toMatch(/bad-body\/index\.mdx:11 +<Steps> must hold exactly one ordered list/);
		expect(output).toMatch(/bad-body\/index\.mdx:14 +The link "http:\/\/example\.com\/" is not https/);
		expect(output).toMatch(
			/bad-body\/index\.mdx:17 +The IAM policy in this JSON block is not valid: statement 1 needs "Resource" or "NotResource"/,
		);
		// A review older than 180 days is a warning, printed whether or not the build fails.
		expect(output).toMatch(
			/bad-body\/index\.mdx: reviewed 2024-01-02, \d+ days ago \(more than 180\)\. Check its facts, commands and policies/,
		);
	});
});
