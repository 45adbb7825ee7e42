import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, isBuildInput, outputEnv } from '../../scripts/rebuild/build-inputs';
import { readBuildInputs, readBuildInputsAndHashes } from '../../scripts/rebuild/read-inputs';

/**
 * `npm run build` keeps an output only when its fingerprint is the last good build's: any change
 * to an input (a file of the project, the guides wherever they are, an environment variable the
 * build reads, Node, the arguments) must change it, and nothing a build or a tool writes may.
 */
let scratch: string;
let root: string;
let guides: string;
const env = { STEPCHECK_CONTENT_DIR: 'elsewhere', NODE_ENV: 'production', HOME: '/home/me', PATH: '/bin' };

function write(path: string, text: string | Buffer) {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
}

function fingerprint(options: { env?: Record<string, string>; node?: string; args?: string[] } = {}) {
	const inputs = readBuildInputs(
		{ root, outDir: join(root, 'dist'), cacheDir: join(root, 'node_modules/.astro'), contentDir: guides },
		{ env: options.env ?? env, node: options.node ?? 'v24.9.0', args: options.args ?? [] },
	);
	return fingerprintOf(inputs);
}

/** 3 MB, larger than the buffer files are read through, with one byte past its first megabyte set to `mark`. */
function largeImage(mark: number): Buffer {
	const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
	bytes[1024 * 1024 + 10] = mark;
	return bytes;
}

beforeEach(() => {
	scratch = mkdtempSync(join(tmpdir(), 'stepcheck-inputs-'));
	root = join(scratch, 'project');
	guides = join(scratch, 'guides');
	write(join(root, 'astro.config.mjs'), 'export default {}');
	write(join(root, 'src/pages/index.astro'), '<h1>Hi</h1>');
	write(join(root, 'node_modules/.package-lock.json'), '{"packages":{}}');
	write(join(root, 'node_modules/astro/index.js'), 'one');
	write(join(guides, 'mfa/index.mdx'), 'Turn on MFA.');
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('the fingerprint of a build’s inputs', () => {
	it('is the same when nothing changed', () => {
		expect(fingerprint()).toBe(fingerprint());
	});

	it.each([
		['a source file is edited', () => write(join(root, 'src/pages/index.astro'), '<h1>Hello</h1>')],
		['a source file is added', () => write(join(root, 'src/pages/new.astro'), '')],
		['a source file is removed', () => rmSync(join(root, 'src/pages/index.astro'))],
		['a dotfile like .env is added', () => write(join(root, '.env'), 'PUBLIC_X=1')],
		['a guide outside the project is edited', () => write(join(guides, 'mfa/index.mdx'), 'Turn on MFA now.')],
		['a screenshot is added to a guide', () => write(join(guides, 'mfa/shot.png'), 'png')],
		['the installed packages change (npm’s lock of them)', () => write(join(root, 'node_modules/.package-lock.json'), '{}')],
		['a symbolic link’s target changes', () => symlinkSync('src/pages/index.astro', join(root, 'linked.astro'))],
	])('changes when %s', (_, change) => {
		const before = fingerprint();
		change();
		expect(fingerprint()).not.toBe(before);
	});

	it('changes when a byte past the first megabyte of a large screenshot changes', () => {
		write(join(guides, 'mfa/large.png'), largeImage(0));
		const before = fingerprint();
		write(join(guides, 'mfa/large.png'), largeImage(1));
		expect(fingerprint()).not.toBe(before);
		write(join(guides, 'mfa/large.png'), largeImage(0));
		expect(fingerprint()).toBe(before);
	});

	it.each([
		['the output', 'dist/client/index.html'],
		['the staged output', 'dist.staging/client/index.html'],
		['the previous output', 'dist.previous/client/index.html'],
		['the cache folder', 'node_modules/.astro/data-store.json'],
		['an installed package (counted through npm’s lock)', 'node_modules/astro/index.js'],
		['a tool’s own packages', 'tools/wrangler/node_modules/x/index.js'],
		['a tool being installed', 'tools/lint/.staging-4242/node_modules/x/index.js'],
		['a Starlight site the bench built', 'tools/starlight/sites/corpus-dense-200/dist/index.html'],
		['Astro’s generated types', '.astro/types.d.ts'],
		['the bench', '.bench/results/today.json'],
		['the test output', '.test-output/dist/index.html'],
		['git', '.git/index'],
		['a log', 'npm-debug.log'],
	])('does not change when %s changes', (_, path) => {
		const before = fingerprint();
		write(join(root, path), 'written by a build or a tool');
		expect(fingerprint()).toBe(before);
	});

	it('counts guides kept in an excluded folder of the project (the bench’s scratch copies)', () => {
		guides = join(root, '.bench/scratch/content');
		write(join(guides, 'a/index.mdx'), 'One.');
		const before = fingerprint();
		write(join(guides, 'a/index.mdx'), 'Two.');
		expect(fingerprint()).not.toBe(before);
	});

	it.each([
		['STEPCHECK_BASE_PATH', '/security'],
		['STEPCHECK_SITE_URL', 'https://example.org'],
		['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE', '300'],
		['ASTRO_TELEMETRY_DISABLED', '1'],
		['PUBLIC_FLAG', 'on'],
		['VITE_FLAG', 'on'],
		['NODE_ENV', 'development'],
		['DEV', 'true'],
		['BASE_URL', '/'],
	])('changes when %s is set or changed', (name, value) => {
		expect(fingerprint({ env: { ...env, [name]: value } })).not.toBe(fingerprint());
	});

	it('does not change with variables no build reads (PATH, HOME, a terminal’s)', () => {
		expect(fingerprint({ env: { ...env, PATH: '/usr/bin', HOME: '/root', TERM: 'xterm' } })).toBe(fingerprint());
	});

	it('changes with the Node version and with the arguments given to astro build', () => {
		const base = fingerprint();
		expect(fingerprint({ node: 'v24.10.0' })).not.toBe(base);
		expect(fingerprint({ args: ['--verbose'] })).not.toBe(base);
	});

	it('does not count the output or cache when they are outside the project, nor anything beside the project', () => {
		const before = readBuildInputs(
			{ root, outDir: join(scratch, 'out'), cacheDir: join(scratch, 'cache'), contentDir: guides },
			{ env, node: 'v24.9.0', args: [] },
		);
		write(join(scratch, 'out/client/index.html'), 'x');
		write(join(scratch, 'cache/x.json'), 'x');
		const after = readBuildInputs(
			{ root, outDir: join(scratch, 'out'), cacheDir: join(scratch, 'cache'), contentDir: guides },
			{ env, node: 'v24.9.0', args: [] },
		);
		expect(fingerprintOf(after)).toBe(fingerprintOf(before));
		expect(Object.keys(after.files).sort()).toEqual([
			'../guides/mfa/index.mdx',
			'astro.config.mjs',
			'node_modules/.package-lock.json',
			'src/pages/index.astro',
		]);
	});
});

describe('which files are inputs', () => {
	const excluded = ['.git', 'dist', 'dist.staging', 'node_modules/.astro'];
	it.each([
		['src/pages/index.astro', true],
		['node_modules/.package-lock.json', true],
		['node_modules/astro/package.json', false],
		['tools/x/node_modules/y.js', false],
		['tools/x/package.json', true],
		['dist/index.html', false],
		['distant/index.html', true],
		['build.log', false],
	])('%s: %s', (path, expected) => {
		expect(isBuildInput(path, excluded)).toBe(expected);
	});

	it('keeps only the environment variables a build reads, sorted', () => {
		expect(outputEnv({ PATH: '/bin', STEPCHECK_OUT_DIR: 'dist', NODE_ENV: 'production', UNSET: undefined, PUBLIC_A: 'a' })).toEqual({
			NODE_ENV: 'production',
			PUBLIC_A: 'a',
			STEPCHECK_OUT_DIR: 'dist',
		});
	});
});

describe('hashes reused from the last build', () => {
	const read = (previous: Parameters<typeof readBuildInputsAndHashes>[2]) =>
		readBuildInputsAndHashes(
			{ root, outDir: join(root, 'dist'), cacheDir: join(root, 'node_modules/.astro'), contentDir: guides },
			{ env, node: 'v24.9.0', args: [] },
			previous,
		);
	const shot = () => join(guides, 'mfa/shot.png');
	/** Sets the screenshot's time an hour back, out of the window in which a write could go unseen. */
	const settle = () => utimesSync(shot(), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));

	it('records each file’s hash with its size, time and inode', () => {
		write(shot(), 'png one');
		const { inputs, hashes } = read(null);
		const stat = statSync(shot());
		expect(hashes.files['../guides/mfa/shot.png']).toEqual([inputs.files['../guides/mfa/shot.png'], stat.size, stat.mtimeMs, stat.ino]);
	});

	it('reuses the hash of a file whose size, time and inode are the recorded ones, without reading it', () => {
		write(shot(), 'png one');
		settle();
		const first = read(null);
		// Same size, and the time set back as it was: only reading the bytes could tell.
		const { mtime, atime } = statSync(shot());
		write(shot(), 'png two');
		utimesSync(shot(), atime, mtime);
		expect(read(first.hashes).inputs.files['../guides/mfa/shot.png']).toBe(first.inputs.files['../guides/mfa/shot.png']);
		expect(read(null).inputs.files['../guides/mfa/shot.png']).not.toBe(first.inputs.files['../guides/mfa/shot.png']);
	});

	it('hashes again a file whose size or time changed', () => {
		write(shot(), 'png one');
		settle();
		const first = read(null);
		write(shot(), 'png three, longer');
		settle();
		expect(read(first.hashes).inputs.files['../guides/mfa/shot.png']).toBe(read(null).inputs.files['../guides/mfa/shot.png']);
		expect(read(first.hashes).inputs.files['../guides/mfa/shot.png']).not.toBe(first.inputs.files['../guides/mfa/shot.png']);
	});

	it('never reuses the hash of a file modified just before it was hashed (it may have changed again within the same tick)', () => {
		write(shot(), 'png one');
		const first = read(null);
		const { mtime, atime } = statSync(shot());
		write(shot(), 'png two');
		utimesSync(shot(), atime, mtime);
		expect(read(first.hashes).inputs.files['../guides/mfa/shot.png']).not.toBe(first.inputs.files['../guides/mfa/shot.png']);
	});
});
