import { createHash } from 'node:crypto';
import { z } from 'astro/zod';

/**
 * Everything a build's output can depend on, as data: the content hash of every file of the
 * project and of the guides folder, the environment variables a build reads, Node's version
 * and the arguments given to `astro build`. Two builds with equal inputs make the same site.
 */
export const buildInputsSchema = z.object({
	/** Path relative to the project (posix separators; `../` for a guides folder outside it) → SHA-256 of its bytes. */
	files: z.record(z.string(), z.string()),
	env: z.record(z.string(), z.string()),
	node: z.string(),
	args: z.array(z.string()),
});
export type BuildInputs = z.infer<typeof buildInputsSchema>;

/**
 * What each input file was when it was hashed: its hash, size, modification time and inode.
 * A later build reuses the hash of a file that still has all three, as git's index and make do,
 * so an unchanged project costs a `stat` per file rather than reading every screenshot again.
 */
export const fileHashesSchema = z.object({
	/** When hashing began (ms since the epoch). */
	hashedAt: z.number(),
	files: z.record(z.string(), z.tuple([z.string(), z.number(), z.number(), z.number()])),
});
export type FileHashes = z.infer<typeof fileHashesSchema>;

// Variables the site, its config, integrations and Astro or Vite read while building. Whole
// prefixes rather than the names grep finds today: a variable added later (a STEPCHECK_ setting,
// a PUBLIC_ value inlined by Vite) must not be able to change the output of a reused build.
const OUTPUT_ENV_PREFIXES = ['STEPCHECK_', 'PAGEFIND_', 'ASTRO_', 'PUBLIC_', 'VITE_'];
// NODE_ENV picks Vite's mode; vitest mirrors DEV, PROD, MODE, SSR and BASE_URL onto the
// environment, and Astro lets them override `import.meta.env` (tests/support/paths.ts).
const OUTPUT_ENV_NAMES = new Set(['NODE_ENV', 'DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL']);

/** The environment variables that can change what a build writes, sorted by name. */
export function outputEnv(env: Record<string, string | undefined>): Record<string, string> {
	const picked: Record<string, string> = {};
	for (const name of Object.keys(env).sort()) {
		const value = env[name];
		if (value === undefined) continue;
		if (OUTPUT_ENV_NAMES.has(name) || OUTPUT_ENV_PREFIXES.some((prefix) => name.startsWith(prefix))) picked[name] = value;
	}
	return picked;
}

/**
 * Folders and files of the project that are not build inputs: what builds and tools write
 * (outputs, caches, installed packages but their lock, the bench's and tests' scratch folders).
 * Paths relative to the project, posix separators; `outDir` and `cacheDir` are left out when
 * they lie outside the project.
 */
export function excludedFolders({ outDir, cacheDir }: { outDir: string | null; cacheDir: string | null }): string[] {
	// tools/starlight/sites: the stock Starlight projects the bench builds beside this one.
	const folders = ['.git', '.astro', '.bench', '.test-output', '.wrangler', 'tools/starlight/sites'];
	if (outDir) folders.push(outDir, `${outDir}.staging`, `${outDir}.previous`, `${outDir}.partial`);
	if (cacheDir) folders.push(cacheDir);
	return folders;
}

/** Whether a project file (relative, posix) is an input of the build. */
export function isBuildInput(path: string, excluded: readonly string[]): boolean {
	if (path.endsWith('.log')) return false;
	const parts = path.split('/');
	// The installed packages count through npm's record of them, not their 100,000 files.
	const modules = parts.indexOf('node_modules');
	if (modules === 0) return path === 'node_modules/.package-lock.json';
	if (modules === 2 && parts[0] === 'tools') return false;
	// A first-use tool being installed (scripts/tools.mjs) before it is renamed into place.
	if (parts[0] === 'tools' && parts[2]?.startsWith('.staging-')) return false;
	return !excluded.some((folder) => path === folder || path.startsWith(`${folder}/`));
}

/** Whether a folder of the project can hold inputs (so the walk need not enter it). */
export function mayHoldBuildInputs(folder: string, excluded: readonly string[]): boolean {
	if (folder === 'node_modules') return true;
	return isBuildInput(folder, excluded) && !folder.startsWith('node_modules/');
}

/** One digest of all the inputs: equal for equal inputs whatever order they were read in. */
export function fingerprintOf(inputs: BuildInputs): string {
	const hash = createHash('sha256');
	for (const path of Object.keys(inputs.files).sort()) hash.update(`file\0${path}\0${inputs.files[path]}\n`);
	for (const name of Object.keys(inputs.env).sort()) hash.update(`env\0${name}\0${inputs.env[name]}\n`);
	hash.update(`node\0${inputs.node}\n`);
	hash.update(`args\0${JSON.stringify(inputs.args)}\n`);
	return hash.digest('hex');
}
