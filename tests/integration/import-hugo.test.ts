import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/lib/import/run-import';
import { ROOT } from '../support/paths';

const SITE = 'tests/fixtures/hugo/site/content';
const PROBLEMS = 'tests/fixtures/hugo/problems';
const IMAGES = 'tests/fixtures/hugo/loose-images';
/** The two fixture posts link to each other, so they are imported together. */
const SITE_ARGS = [SITE, '--images', IMAGES, '--date-order', 'dmy'];
/** A post as old as they come: only a title, a day-first date and aliases. */
const BARE = 'tests/fixtures/hugo/bare-site/content';
const BARE_DESCRIPTION =
	'A virtual MFA device is an app on your phone that shows a new six-digit code every thirty seconds. It costs nothing and takes about five minutes to set up.';

let out: string;
let outArg: string;
let logged: string[];
let errors: string[];

function run(...args: string[]): number {
	logged = [];
	errors = [];
	return runImport([...args, '--out', outArg], {
		cwd: ROOT,
		projectRoot: ROOT,
		log: (line) => logged.push(line),
		error: (line) => errors.push(line),
	});
}

beforeEach(() => {
	out = mkdtempSync(join(tmpdir(), 'stepcheck-import-'));
	outArg = relative(ROOT, out);
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('npm run import:hugo on Learn-style posts', () => {
	it('imports a Hugo content tree: guides, images beside them, record, progress lines and summary', () => {
		expect(run(SITE, '--images', IMAGES, '--date-order', 'dmy')).toBe(0);
		expect(errors).toEqual([]);
		expect(readdirSync(out).sort()).toEqual(['enable-aws-mfa', 'rotate-access-keys']);
		expect(readdirSync(join(out, 'enable-aws-mfa')).sort()).toEqual([
			'.hugo-import.json',
			'awsmfa1.png',
			'awsmfa2.png',
			'awsmfa3.png',
			'index.mdx',
			'qr-code.png',
		]);
		expect(readFileSync(join(out, 'enable-aws-mfa/awsmfa1.png'))).toEqual(
			readFileSync(join(ROOT, 'tests/fixtures/hugo/site/static/blog/2019/images/awsmfa1.png')),
		);
		const mdx = readFileSync(join(out, 'enable-aws-mfa/index.mdx'), 'utf8');
		expect(mdx).toContain('legacyUrl: /blog/2019/enable-aws-mfa/');
		expect(mdx).toMatch(
			/aliases:\n {2}- \/blog\/2019\/enable-aws-mfa\/\n {2}- enable-mfa-on-aws-in-10-steps-with-pictures\n {2}- \/enable-mfa-on-aws-in-10-steps-with-pictures\//,
		);
		expect(mdx).toContain('  /blog/2019/images/awsmfa1.png: ./awsmfa1.png');
		expect(mdx).toContain("import shotAwsmfa1 from './awsmfa1.png';");
		expect(mdx).toContain('[rotate your access keys](/guides/rotate-access-keys/)');
		const toml = readFileSync(join(out, 'rotate-access-keys/index.mdx'), 'utf8');
		expect(toml).toContain('published: 2020-03-05');
		expect(toml).toContain('description: Replace old AWS access keys without downtime.');
		const progress = logged.filter((line) => line.startsWith('['));
		expect(progress[0]).toMatch(
			/^\[1\/2\] tests\/fixtures\/hugo\/site\/content\/blog\/2019\/enable-aws-mfa\.md → wrote .*enable-aws-mfa\/index\.mdx \(4 images, 3 aliases, 5 warnings\)$/,
		);
		expect(progress[1]).toMatch(/^\[2\/2\] .*rotate-access-keys\.md → wrote .*\(1 image, 2 aliases\)$/);
		expect(logged.at(-1)).toBe('Imported 2 posts, copied 5 images, recorded 5 aliases, 5 warnings.');
	});

	it('--section gives the old URL of a post outside a content tree, so relative aliases resolve under it', () => {
		const loose = join(out, 'loose.md');
		writeFileSync(
			loose,
			'---\ntitle: Loose post\ndescription: A post from anywhere.\ndate: 2019-01-02\ntags: [aws]\naliases: [old-loose]\n---\n\n' +
				// A guide the build accepts: five steps and its sources.
				'1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n\n## Sources\n\n- [IAM User Guide](https://docs.aws.amazon.com/IAM/latest/UserGuide/)\n',
		);
		expect(run(relative(ROOT, loose), '--section', '/blog/2018/')).toBe(0);
		const mdx = readFileSync(join(out, 'loose-post/index.mdx'), 'utf8');
		expect(mdx).toContain('legacyUrl: /blog/2018/loose/');
		expect(mdx).toContain('- old-loose');
	});

	it('--dry-run prints the guide it would write and writes nothing', () => {
		expect(run(...SITE_ARGS, '--dry-run')).toBe(0);
		expect(readdirSync(out)).toEqual([]);
		const printed = logged.join('\n');
		expect(printed).toContain('would write');
		expect(printed).toContain('    | <Steps>');
		expect(printed).toContain('would copy tests/fixtures/hugo/site/static/blog/2019/images/awsmfa1.png');
		expect(logged.at(-1)).toMatch(/^Dry run, nothing written: would import 2 posts,/);
	});

	it('re-running is safe: an unchanged import is replaced, an edited one is refused unless --force', () => {
		expect(run(...SITE_ARGS)).toBe(0);
		const file = join(out, 'enable-aws-mfa/index.mdx');
		expect(run(...SITE_ARGS)).toBe(0);
		expect(logged[0]).toContain('→ replaced');

		writeFileSync(file, `${readFileSync(file, 'utf8')}\nAn edit by hand.\n`);
		expect(run(...SITE_ARGS)).toBe(1);
		expect(errors.join('\n')).toContain('was edited since it was imported');
		expect(errors.join('\n')).toContain('--force');
		expect(readFileSync(file, 'utf8')).toContain('An edit by hand.');

		expect(run(...SITE_ARGS, '--force')).toBe(0);
		expect(readFileSync(file, 'utf8')).not.toContain('An edit by hand.');
	});

	it('refuses to overwrite a guide it did not write', () => {
		const folder = join(out, 'enable-aws-mfa');
		expect(run(...SITE_ARGS)).toBe(0);
		rmSync(join(folder, '.hugo-import.json'));
		expect(run(...SITE_ARGS)).toBe(1);
		expect(errors.join('\n')).toContain('was not written by this importer');
	});

	it('lists every missing image of a post in one error and refuses that post whole, while the others are imported', () => {
		expect(run(`${PROBLEMS}/missing-images.md`, ...SITE_ARGS)).toBe(1);
		const message = errors.join('\n');
		expect(message).toContain('2 images could not be found');
		expect(message).toContain('--missing-images=placeholder');
		expect(message).toContain(`${PROBLEMS}/missing-images.md:9  /blog/2019/images/gone-1.png`);
		expect(message).toContain(`${PROBLEMS}/missing-images.md:11  /blog/2019/images/gone-2.png`);
		expect(readdirSync(out).sort()).toEqual(['enable-aws-mfa', 'rotate-access-keys']);
		expect(logged.at(-1)).toMatch(/^Imported 2 posts, .*; refused 1 post \(listed above\)\.$/);
	});

	it('stops on an ambiguous date without --date-order, showing both readings, and on an impossible one', () => {
		expect(run(`${PROBLEMS}/ambiguous-date.md`, `${PROBLEMS}/impossible-date.md`)).toBe(1);
		const message = errors.join('\n');
		expect(message).toContain(
			`${PROBLEMS}/ambiguous-date.md: \`date\` "09-12-2019" is ambiguous: it reads as 2019-09-12 (month first) or 2019-12-09 (day first)`,
		);
		expect(message).toContain(`${PROBLEMS}/impossible-date.md: \`date\` "31-31-2019" is not a real day in either order`);
		expect(readdirSync(out)).toEqual([]);
		expect(run(`${PROBLEMS}/ambiguous-date.md`, '--date-order', 'mdy')).toBe(0);
		expect(readFileSync(join(out, 'a-post-with-an-ambiguous-date/index.mdx'), 'utf8')).toContain('published: 2019-09-12');
	});

	it('reads a date that is impossible in the given order the other way, and warns', () => {
		expect(run(`${PROBLEMS}/flipped-date.md`, '--date-order', 'mdy')).toBe(0);
		expect(readFileSync(join(out, 'a-post-whose-date-can-only-be-day-first/index.mdx'), 'utf8')).toContain('published: 2019-12-25');
		expect(logged.join('\n')).toContain(
			'warning: tests/fixtures/hugo/problems/flipped-date.md: `date` "25-12-2019" cannot be month-day-year, so it was read as 2019-12-25.',
		);
	});

	it('stops on shortcodes it cannot convert, naming file and line', () => {
		expect(run(`${PROBLEMS}/tabs.md`)).toBe(1);
		const message = errors.join('\n');
		expect(message).toContain(`${PROBLEMS}/tabs.md:16: the {{< youtube >}} shortcode is not one Stepcheck can convert`);
		expect(existsSync(join(out, 'tabs'))).toBe(false);
	});

	it('refuses bad options with the fix', () => {
		expect(run(BARE, '--topic', 'security')).toBe(2);
		expect(errors[0]).toBe(
			'--topic is "security", which is not a topic of src/site.config.mjs. Use one of: sign-in, root-user, policies, cli, audit, identity-center, imported, or add it there first.',
		);
		expect(run(BARE, '--tags', 'AWS,mfa')).toBe(2);
		expect(errors[0]).toContain('("AWS" would be "aws")');
		expect(run(SITE, '--date-order', 'ymd')).toBe(2);
		expect(errors[0]).toContain('use mdy');
		expect(run(SITE, '--section', 'blog/2019')).toBe(2);
		expect(errors[0]).toContain('from the site root');
		expect(run('tests/fixtures/hugo/nothing-here.md')).toBe(2);
		expect(errors[0]).toContain('does not exist');
	});
});

describe('npm run import:hugo fills what an old post lacks, and says so', () => {
	const progress = (verb: string) =>
		`[1/1] tests/fixtures/hugo/bare-site/content/posts/virtual-mfa-device.md → ${verb} ${outArg}/set-up-a-virtual-mfa-device/index.mdx (2 images, 3 aliases)`;

	it('takes the description from the first paragraph, the tag and topic from the site config, and prints each', () => {
		expect(run(BARE, '--date-order', 'dmy')).toBe(0);
		expect(errors).toEqual([]);
		expect(logged.slice(0, 5)).toEqual([
			progress('wrote'),
			"    guide folder and URL from the post's title: set-up-a-virtual-mfa-device",
			`    inferred description from the first paragraph: "${BARE_DESCRIPTION}"`,
			"    inferred tags from the site config's default (importDefaults.tag): imported",
			"    inferred topic from the site config's default (importDefaults.topic): imported; move the guide to its own topic when you review it",
		]);
		const mdx = readFileSync(join(out, 'set-up-a-virtual-mfa-device/index.mdx'), 'utf8');
		expect(mdx).toContain(`description: ${BARE_DESCRIPTION}\n`);
		expect(mdx).toContain('published: 2019-12-09\n');
		expect(mdx).toContain('tags:\n  - imported\ntopic: imported\n');
		expect(mdx).toContain('<Screenshot src={shotVirtualDevice1} alt="The Security credentials page" frame="shadow" maxWidth="40pc" />');
		expect(mdx).toMatch(/<Steps>\n\n1\. Install/);
	});

	it('--dry-run prints the same inferences and writes nothing; --tags and --topic win over the defaults', () => {
		expect(run(BARE, '--date-order', 'dmy', '--dry-run', '--tags', 'aws,mfa', '--topic', 'sign-in')).toBe(0);
		expect(logged.slice(0, 5)).toEqual([
			progress('would write'),
			"    guide folder and URL from the post's title: set-up-a-virtual-mfa-device",
			`    inferred description from the first paragraph: "${BARE_DESCRIPTION}"`,
			'    inferred tags from --tags: aws, mfa',
			'    inferred topic from --topic: sign-in',
		]);
		expect(logged.join('\n')).toContain('    | topic: sign-in');
		expect(readdirSync(out)).toEqual([]);
	});

	it('takes tags from Hugo categories and keywords when the post has no tags, and says which', () => {
		const post = join(out, 'from-categories.md');
		writeFileSync(
			post,
			'---\ntitle: Old post\ndate: 2019-03-04\ncategories: [AWS Security]\nkeywords: [mfa]\ndescription: Kept as written.\n---\n\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n',
		);
		expect(run(relative(ROOT, post), '--section', '/blog/', '--dry-run')).toBe(0);
		expect(logged).toContain('    inferred tags from Hugo categories and keywords: aws-security, mfa');
		expect(logged.join('\n')).not.toContain('inferred description');
	});

	it('takes the description from the title when no paragraph is a complete statement (lead-ins ending in ":", quotes, headings)', () => {
		const post = join(out, 'only-steps.md');
		writeFileSync(
			post,
			'---\ntitle: Enable MFA for the root user\ndate: 2019-03-04\n---\n\n## Why\n\nThe recommendation for MFA states:\n\n"Use MFA for every user."\n\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n',
		);
		expect(run(relative(ROOT, post), '--section', '/blog/', '--dry-run'), errors.join('\n')).toBe(0);
		expect(logged).toContain(
			'    inferred description from the title, as no paragraph is a complete statement: "How to enable MFA for the root user, step by step."',
		);
	});
});

describe('npm run import:hugo finishes a real old post', () => {
	/** A 2019 Learn post as an export tool left it: an id for a file name, images gone, ten images with one alt text. */
	function writeOldPost(images: number) {
		const post = join(out, 'export', '000-68966ab1bb4050a5-txt.md');
		mkdirSync(dirname(post), { recursive: true });
		const steps = Array.from(
			{ length: images },
			(_, i) => `${i + 1}. Step ${i + 1} of the set-up.\n\n   ![The AWS Management Console home page](/blog/2019/images/mfa${i + 1}.png)\n`,
		);
		writeFileSync(
			post,
			`---\ntitle: "Turn on MFA for your AWS account"\ndate: 2019-03-04\naliases: [/blog/2019/enable-mfa/]\n---\n\nThe recommendation for MFA states:\n\n## Steps\n\n${steps.join('\n')}`,
		);
		return relative(ROOT, post);
	}

	it('names the guide from the title (not the id-like file name), writes marked placeholders and warns about the shared alt text', () => {
		const post = writeOldPost(5);
		expect(run(post, '--section', '/blog/2019/', '--missing-images=placeholder'), errors.join('\n')).toBe(0);
		expect(logged).toContain("    guide folder and URL from the post's title: turn-on-mfa-for-your-aws-account");
		expect(logged).toContain(
			'    inferred description from the title, as no paragraph is a complete statement: "How to turn on MFA for your AWS account, step by step."',
		);
		const folder = join(out, 'turn-on-mfa-for-your-aws-account');
		const placeholder = readFileSync(join(ROOT, 'src/lib/import/assets/missing-image-placeholder.png'));
		for (let i = 1; i <= 5; i++) expect(readFileSync(join(folder, `mfa${i}.png`)).equals(placeholder)).toBe(true);
		expect(readFileSync(join(folder, 'index.mdx'), 'utf8')).toContain('![The AWS Management Console home page](./mfa1.png)');
		const warnings = logged.filter((line) => line.startsWith('warning: '));
		expect(
			warnings.filter((line) => /image \/blog\/2019\/images\/mfa\d\.png is missing; wrote a placeholder mfa\d\.png/.test(line)),
		).toHaveLength(5);
		expect(warnings).toContainEqual(
			expect.stringMatching(
				/5 images share the alt text "The AWS Management Console home page" \(\/blog\/2019\/images\/mfa1\.png, .*mfa5\.png/,
			),
		);
	});

	it('--slug names the guide; a dry run shows every inference and the placeholders it would write', () => {
		const post = writeOldPost(5);
		expect(
			run(post, '--section', '/blog/2019/', '--missing-images=placeholder', '--slug', 'mfa-2019', '--dry-run'),
			errors.join('\n'),
		).toBe(0);
		expect(logged).toContain('    guide folder and URL from --slug: mfa-2019');
		expect(logged).toContain(`    would write a placeholder → ${outArg}/mfa-2019/mfa1.png`);
		expect(existsSync(join(out, 'mfa-2019'))).toBe(false);
	});

	it('refuses old URLs and old images an existing guide already redirects, naming both files', () => {
		mkdirSync(join(out, 'existing-guide'));
		writeFileSync(
			join(out, 'existing-guide', 'index.mdx'),
			'---\ntitle: Existing\naliases:\n  - /blog/2019/enable-mfa/\nlegacyImages:\n  /blog/2019/images/mfa2.png: ./mfa2.png\n---\n\nText.\n',
		);
		const post = writeOldPost(5);
		expect(run(post, '--section', '/blog/2019/', '--missing-images=placeholder')).toBe(1);
		const text = errors.join('\n');
		expect(text).toContain(
			`${post}: its alias /blog/2019/enable-mfa/ already redirects to the guide in ${outArg}/existing-guide/index.mdx.`,
		);
		expect(text).toContain(
			`${post}: its old image /blog/2019/images/mfa2.png already redirects to the guide in ${outArg}/existing-guide/index.mdx.`,
		);
		expect(existsSync(join(out, 'turn-on-mfa-for-your-aws-account'))).toBe(false);
	});

	it('refuses --slug for several posts and an unknown --missing-images', () => {
		expect(run(SITE, '--slug', 'one')).toBe(2);
		expect(errors[0]).toContain('--slug names one guide');
		expect(run(BARE, '--missing-images=skip')).toBe(2);
		expect(errors[0]).toContain('use placeholder');
	});
});
