import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/lib/import/run-import';
import { startNginx } from '../support/hosts';
import { productionBuildEnv, ROOT } from '../support/paths';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * A whole old blog imported in one command: 22 posts in the shapes Hugo sites have (YAML, TOML
 * and JSON front matter; leaf files and page bundles; aliases, url and slug; Learn's notice,
 * expand, tabs and figure; a missing image; an id for a file name; one post that is broken),
 * then built, and every old URL answered by the real server. The posts are in
 * tests/fixtures/hugo/blog; their screenshots are made here, small, so the fixture stays small.
 */
const FIXTURE = join(ROOT, 'tests/fixtures/hugo/blog');
const SITE = join(ROOT, '.test-output/batch-blog');
const CONTENT = join(ROOT, '.test-output/batch-content');
const OUT = join(ROOT, '.test-output/batch-dist');

/** Every image the posts name and the old blog still has; /images/gone/billing.png is the one it lost. */
const IMAGES = [
	'static/images/policy.png',
	'static/images/2018/keys-1.png',
	'static/images/2018/keys-2.png',
	'content/post/root-user-lockdown/console.png',
	'content/post/root-user-lockdown/mfa.png',
	'content/post/cloudtrail-trail/trail.png',
	'content/post/iam-roles-for-ec2/role.png',
];

/** What the old blog's links point at, written here from the posts' front matter, and the guide each now is. */
const OLD_URLS: [string, string][] = [
	['/post/enforce-password-policy/', 'enforce-a-strong-password-policy'],
	['/password-policy/', 'enforce-a-strong-password-policy'],
	['/post/remove-root-keys/', 'remove-root-keys'],
	['/post/old-root-keys/', 'remove-root-keys'],
	['/2017/05/review-iam-users/', 'review-iam-users'],
	['/post/least-privilege-policies/', 'write-policies-with-least-privilege'],
	['/least-privilege/', 'write-policies-with-least-privilege'],
	['/post/access-analyzer/', 'find-public-resources-with-iam-access-analyzer'],
	['/post/billing-alerts/', 'get-an-email-when-the-bill-grows'],
	['/post/000-5f2c9a81d4e7b603-txt/', 'turn-on-mfa-for-the-root-user'],
	['/root-mfa/', 'turn-on-mfa-for-the-root-user'],
	['/blog/2018/rotate-access-keys/', 'rotate-access-keys-without-downtime'],
	['/blog/rotate-keys/', 'rotate-access-keys-without-downtime'],
	['/s3/block-public-access/', 'block-public-access'],
	['/blog/2018/guardduty/', 'turn-on-guardduty'],
	['/guardduty/', 'turn-on-guardduty'],
	['/blog/2018/security-hub/', 'check-your-account-with-security-hub'],
	['/blog/2018/config-rules/', 'record-changes-with-aws-config'],
	['/config/', 'record-changes-with-aws-config'],
	['/blog/2018/aws-config/', 'record-changes-with-aws-config'],
	['/blog/2018/rotate-kms-keys/', 'rotate-kms-keys'],
	['/blog/2020/identity-center/', 'sign-in-through-iam-identity-center'],
	['/sso/', 'sign-in-through-iam-identity-center'],
	['/blog/2020/cloudshell-basics/', 'run-commands-in-aws-cloudshell'],
	['/blog/2020/cloudshell/', 'run-commands-in-aws-cloudshell'],
	['/network/flow-logs/', 'flow-logs'],
	['/blog/2020/cli-mfa/', 'cli-mfa'],
	['/cli-mfa-old/', 'cli-mfa'],
	['/post/root-user-lockdown/', 'lock-down-the-root-user'],
	['/root-lockdown/', 'lock-down-the-root-user'],
	['/post/cloudtrail-trail/', 'create-a-cloudtrail-trail'],
	['/post/iam-roles-for-ec2/', 'give-ec2-instances-a-role-not-keys'],
	['/ec2-roles/', 'give-ec2-instances-a-role-not-keys'],
	['/post/credential-report/', 'read-the-credential-report'],
	['/credential-report/', 'read-the-credential-report'],
];
/** Old image URLs: from the site's static/ folder and from page bundles. */
const OLD_IMAGES = [
	'/images/policy.png',
	'/images/2018/keys-1.png',
	'/images/2018/keys-2.png',
	'/images/gone/billing.png',
	'/post/root-user-lockdown/console.png',
	'/post/root-user-lockdown/mfa.png',
	'/post/cloudtrail-trail/trail.png',
	'/post/iam-roles-for-ec2/role.png',
];

const logged: string[] = [];
const errors: string[] = [];
let exitCode: number;
let server: RunningServer;

beforeAll(async () => {
	for (const path of [SITE, CONTENT, OUT]) rmSync(path, { recursive: true, force: true });
	cpSync(FIXTURE, SITE, { recursive: true });
	for (const [n, image] of IMAGES.entries()) {
		mkdirSync(dirname(join(SITE, image)), { recursive: true });
		await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40 + n * 20, g: 90, b: 140 } } })
			.png()
			.toFile(join(SITE, image));
	}
	exitCode = runImport(
		[relative(ROOT, join(SITE, 'content')), '--date-order', 'dmy', '--missing-images=placeholder', '--out', relative(ROOT, CONTENT)],
		{ cwd: ROOT, projectRoot: ROOT, log: (line) => logged.push(line), error: (line) => errors.push(line) },
	);
	if (!existsSync(CONTENT)) return;
	const built = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		env: productionBuildEnv({ STEPCHECK_CONTENT_DIR: relative(ROOT, CONTENT), STEPCHECK_OUT_DIR: relative(ROOT, OUT) }),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (built.status !== 0) throw new Error(`Building the imported blog failed:\n${built.stdout}\n${built.stderr}`);
	server = await startSiteServer(OUT);
}, 600_000);
afterAll(async () => {
	await server?.stop();
	for (const path of [SITE, CONTENT, OUT]) rmSync(path, { recursive: true, force: true });
});

describe('importing a whole old Hugo blog in one command', () => {
	it('imports every post but the broken one, which is refused naming its file and line', () => {
		expect(exitCode).toBe(1);
		const broken = `${relative(ROOT, SITE)}/content/post/broken-quote.md`;
		expect(errors[0]).toMatch(/^Refused 1 post: 1 problem to fix first; nothing of these posts is written, the others are\./);
		expect(errors).toContainEqual(
			expect.stringMatching(new RegExp(`^${broken}:2: has front matter that is not valid YAML: .*Fix it there`)),
		);
		expect(logged.at(-1)).toMatch(
			/^Imported 21 posts, copied 8 images, recorded \d+ aliases, \d+ warnings; refused 1 post \(listed above\)\.$/,
		);
	});

	it('ends with a table of every post: imported with its guide, images, aliases and warnings, or refused', () => {
		const start = logged.findIndex((line) => /^Post +Result +Guide +Images +Aliases +Warnings$/.test(line.split('\n')[0]!));
		expect(start).toBeGreaterThan(-1);
		const rows = logged[start]!.split('\n');
		expect(rows).toHaveLength(2 + 22 + 1);
		const row = (file: string) => rows.find((r) => r.includes(`/content/${file} `))!.split(/ {2,}/);
		expect(row('post/broken-quote.md')).toEqual([expect.stringContaining('broken-quote.md'), 'refused', '-', '-', '-', '1 problem']);
		expect(row('post/root-user-lockdown/index.md')).toEqual([expect.any(String), 'imported', 'lock-down-the-root-user', '2', '2', '0']);
		expect(row('post/billing-alerts.md').slice(1, 4)).toEqual(['imported', 'get-an-email-when-the-bill-grows', '1']);
		expect(Number(row('post/billing-alerts.md')[5])).toBeGreaterThan(0);
		expect(rows.at(-1)).toMatch(/^21 imported, \d+ with warnings, 1 refused\.$/);
	});

	it('carries YAML, TOML and JSON front matter, bundles, tabs, figures and notices into guides', () => {
		const guide = (id: string) => readFileSync(join(CONTENT, id, 'index.mdx'), 'utf8');
		expect(guide('cli-mfa')).toContain('published: 2020-07-07');
		expect(guide('check-your-account-with-security-hub')).toContain('published: 2018-03-14');
		expect(guide('find-public-resources-with-iam-access-analyzer')).toMatch(/\*\*Console\*\*[\s\S]*\*\*AWS CLI\*\*/);
		expect(guide('write-policies-with-least-privilege')).toContain(
			'![The visual policy editor with two actions chosen](./policy.png "Two actions, one bucket")',
		);
		expect(guide('turn-on-guardduty')).toContain('<Callout type="note">');
		expect(guide('lock-down-the-root-user')).toContain('  /post/root-user-lockdown/console.png: ./console.png');
	});
});

describe('the imported blog, built and served', () => {
	it.each(OLD_URLS)('%s answers 301 to its guide in one hop', async (from, id) => {
		for (const spelling of [from, from.slice(0, -1), `${from}index.html`]) {
			const response = await fetch(`${server.url}${spelling}?ref=old-blog`, { redirect: 'manual' });
			expect(response.status, spelling).toBe(301);
			expect(response.headers.get('location'), spelling).toBe(`/guides/${id}/?ref=old-blog`);
		}
		expect((await fetch(`${server.url}/guides/${id}/`, { redirect: 'manual' })).status).toBe(200);
	});

	it('every old image URL answers 301 to the full-size image of its guide in one hop', async () => {
		for (const from of OLD_IMAGES) {
			const response = await fetch(`${server.url}${from}`, { redirect: 'manual' });
			expect(response.status, from).toBe(301);
			const image = await fetch(`${server.url}${response.headers.get('location')}`, { redirect: 'manual' });
			expect(image.status, from).toBe(200);
			expect(image.headers.get('content-type'), from).toBe('image/webp');
		}
	});

	it('every old URL in the build answers in one hop, and the refused post has none', async () => {
		const map = JSON.parse(readFileSync(join(OUT, 'redirects.json'), 'utf8')) as Record<string, string>;
		expect(Object.keys(map).length).toBeGreaterThanOrEqual(OLD_URLS.length * 3 + OLD_IMAGES.length);
		for (const [from, to] of Object.entries(map)) {
			const response = await fetch(`${server.url}${from}`, { redirect: 'manual' });
			expect(response.status, from).toBe(301);
			expect(response.headers.get('location')).toBe(to);
			expect((await fetch(`${server.url}${to}`, { redirect: 'manual' })).status, to).toBe(200);
		}
		expect(Object.keys(map).some((from) => from.includes('broken-quote'))).toBe(false);
	});

	it("nginx with the build's nginx-redirects.conf answers every old URL the same way, in one hop", async () => {
		const map = JSON.parse(readFileSync(join(OUT, 'redirects.json'), 'utf8')) as Record<string, string>;
		const nginx = await startNginx(OUT);
		try {
			for (const [from, to] of Object.entries(map)) {
				const response = await fetch(`${nginx.url}${from}?ref=old-blog`, { redirect: 'manual' });
				expect(response.status, from).toBe(301);
				expect(response.headers.get('location'), from).toBe(`${to}?ref=old-blog`);
				expect((await fetch(`${nginx.url}${to}`, { redirect: 'manual' })).status, to).toBe(200);
			}
		} finally {
			await nginx.stop();
		}
	});
});
