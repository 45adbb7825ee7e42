import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/lib/import/run-import';
import { ROOT } from '../support/paths';

/**
 * Hostile Hugo posts: the importer reads only the images it is given (inside --images, the
 * Hugo static/ folder or the post's own folder), refuses what could run script with the post
 * and line, and never prints the contents of a file that is not guide text.
 */
const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PNG = join(ROOT, 'tests/fixtures/hugo/loose-images/keys-list.png');

const STEPS = ['1. Sign in.', '2. Open the page.', '3. Choose the device.', '4. Type two codes.', '5. Sign in again with MFA.'].join('\n');

let site: string;
let out: string;
let output: string[];

function post(name: string, body: string, front = '') {
	writeFileSync(
		join(site, 'content/blog', `${name}.md`),
		`---\ntitle: "A hostile post"\ndate: 2019-12-09\ndescription: "A post that tries to reach outside its folder."\n${front}---\n\nIntro paragraph.\n\n${body}\n\n${STEPS}\n`,
	);
}

function run(): number {
	output = [];
	return runImport(
		[relative(ROOT, join(site, 'content')), '--images', relative(ROOT, join(site, 'images')), '--out', relative(ROOT, out)],
		{
			cwd: ROOT,
			projectRoot: ROOT,
			log: (line) => output.push(line),
			error: (line) => output.push(line),
		},
	);
}

beforeEach(() => {
	site = mkdtempSync(join(tmpdir(), 'stepcheck-hostile-'));
	out = join(site, 'out');
	for (const folder of ['content/blog', 'images', 'static/images', 'out']) mkdirSync(join(site, folder), { recursive: true });
	writeFileSync(join(site, 'secret.env'), `${SECRET}\n`);
	writeFileSync(join(site, 'secret.png'), `${SECRET}\n`);
	writeFileSync(join(site, 'content/blog/notes.env'), `${SECRET}\n`);
	cpSync(PNG, join(site, 'images/good.png'));
});
afterEach(() => rmSync(site, { recursive: true, force: true }));

const image = (url: string) => `![The sign-in page with the MFA field ringed](${url})`;

describe('the importer reads only what it is given', () => {
	it.each([
		['a relative ../ path', '../../secret.png'],
		['a site-rooted path that climbs', '/../../../secret.png'],
		['an encoded ..', '/images/%2e%2e/%2e%2e/secret.png'],
		['a backslash path', '..\\..\\secret.png'],
		['a file that is not an image', './notes.env'],
		['a dot-file climbing out', '../../secret.env'],
	])('refuses %s, names the post and line, and never prints the file', (_, url) => {
		post('climb', image(url));
		expect(run()).toBe(1);
		const text = output.join('\n');
		expect(text).toMatch(/climb\.md:\d+/);
		expect(text).not.toContain('wJalrXUtnFEMI');
		expect(readdirSync(out)).toEqual([]);
	});

	it('does not follow a symlink out of the --images folder', () => {
		symlinkSync(join(site, 'secret.png'), join(site, 'images/linked.png'));
		post('linked', image('/images/linked.png'));
		expect(run()).toBe(1);
		expect(output.join('\n')).not.toContain('wJalrXUtnFEMI');
		expect(existsSync(join(out, 'linked'))).toBe(false);
	});

	it('still copies an image from inside --images', () => {
		post('fine', image('/images/good.png'));
		expect(run(), output.join('\n')).toBe(0);
		expect(readdirSync(join(out, 'a-hostile-post'))).toContain('good.png');
	});
});

describe('the importer refuses what could run script, per post', () => {
	it.each(['javascript:alert(document.domain)', 'JAVASCRIPT:alert(1)', 'data:text/html;base64,PHNjcmlwdD4='])('a link to %s', (url) => {
		post('script-link', `Read [the notes](${url}) first.`);
		expect(run()).toBe(1);
		expect(output.join('\n')).toMatch(
			/script-link\.md would become an invalid guide:\n.*index\.mdx:\d+ +The link .* uses a URL scheme outside https:/,
		);
	});
});

describe('aliases are checked at import time', () => {
	it.each(['/blog/a%2Fb/', '/blog\\evil/', '//evil.example/', '/blog/./x/', '/blog/x/../y/', '/blog/%2e%2e/y/'])('refuses %j', (alias) => {
		post('aliased', 'Body.', `aliases:\n  - "${alias.replace(/\\/g, '\\\\')}"\n`);
		expect(run()).toBe(1);
		expect(output.join('\n')).toMatch(/aliased\.md: alias/);
	});
});
