import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { excludedFolders, isBuildInput, mayHoldBuildInputs, outputEnv, type BuildInputs, type FileHashes } from './build-inputs.ts';

/** A folder as the project sees it: relative, posix, or null when it lies outside the project. */
function insideProject(root: string, folder: string): string | null {
	const path = relative(root, folder);
	if (path === '' || path.startsWith('..') || isAbsolute(path)) return null;
	return path.split(sep).join('/');
}

function sha256(bytes: Buffer | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One buffer for every file read: `npm run build` waits for Astro right after hashing, and
 * while it waits its heap is never collected, so a buffer per file (every screenshot of the
 * guides) would stay resident beside Astro for the whole build.
 */
const chunk = Buffer.alloc(1 << 20);

function sha256OfFile(path: string): string {
	const hash = createHash('sha256');
	const fd = openSync(path, 'r');
	try {
		for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
	} finally {
		closeSync(fd);
	}
	return hash.digest('hex');
}

/**
 * A file modified within this long before hashing began may have been modified again within the
 * same tick of its clock after it was hashed, with the same size: its hash is never reused.
 */
const RACY_MS = 2_000;

/**
 * Hashes every file under `folder` that `keep` accepts into `files`, keyed by its path relative
 * to `root`. Symbolic links count by their target's path and, for a file, its bytes; a linked
 * folder is entered once (a link back up would otherwise loop).
 */
function hashFolder(
	root: string,
	folder: string,
	keep: (path: string, isFolder: boolean) => boolean,
	files: Record<string, string>,
	hashes: { previous: FileHashes | null; next: FileHashes },
) {
	const seen = new Set<string>();
	const hashOf = (key: string, path: string) => {
		const stat = statSync(path);
		const known = hashes.previous?.files[key];
		const trusted = known && known[1] === stat.size && known[2] === stat.mtimeMs && known[3] === stat.ino;
		const racy = stat.mtimeMs >= (hashes.previous?.hashedAt ?? 0) - RACY_MS;
		const hash = trusted && !racy ? known[0] : sha256OfFile(path);
		hashes.next.files[key] = [hash, stat.size, stat.mtimeMs, stat.ino];
		return hash;
	};
	const walk = (dir: string) => {
		const real = realpathSync(dir);
		if (seen.has(real)) return;
		seen.add(real);
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			const key = relative(root, path).split(sep).join('/');
			const link = entry.isSymbolicLink() ? readlinkSync(path) : null;
			const isFolder = entry.isDirectory() || (link !== null && statSync(path, { throwIfNoEntry: false })?.isDirectory() === true);
			if (!keep(key, isFolder)) continue;
			if (isFolder) {
				if (link !== null) files[key] = sha256(`link\0${link}`);
				walk(path);
			} else if (link !== null) {
				const target = statSync(path, { throwIfNoEntry: false });
				files[key] = sha256(`link\0${link}\0${target?.isFile() ? sha256OfFile(path) : 'dangling'}`);
			} else if (entry.isFile()) {
				files[key] = hashOf(key, path);
			}
		}
	};
	walk(folder);
}

export interface InputLocations {
	/** The project (where astro.config.mjs is). */
	root: string;
	/** Absolute output, cache and guides folders. */
	outDir: string;
	cacheDir: string;
	contentDir: string;
}

/**
 * Reads the inputs of a build of `root` as it stands now, reusing the hashes of files that have
 * not changed since `previous` (the last good build's record) was made.
 */
export function readBuildInputsAndHashes(
	{ root, outDir, cacheDir, contentDir }: InputLocations,
	{ env, node, args }: { env: Record<string, string | undefined>; node: string; args: string[] },
	previous: FileHashes | null,
): { inputs: BuildInputs; hashes: FileHashes } {
	const excluded = excludedFolders({ outDir: insideProject(root, outDir), cacheDir: insideProject(root, cacheDir) });
	const files: Record<string, string> = {};
	const hashes = { previous, next: { hashedAt: Date.now(), files: {} } };
	hashFolder(root, root, (path, isFolder) => (isFolder ? mayHoldBuildInputs(path, excluded) : isBuildInput(path, excluded)), files, hashes);
	// The guides may be elsewhere (the bench's and tests' scratch copies, some under .bench/ or
	// .test-output/): they are inputs wherever they are. Hashing a folder twice changes nothing.
	if (existsSync(contentDir)) hashFolder(root, contentDir, (path) => !path.endsWith('.log'), files, hashes);
	return { inputs: { files, env: outputEnv(env), node, args }, hashes: hashes.next };
}

/** Reads the inputs of a build of `root` as it stands now, hashing every file. */
export function readBuildInputs(
	locations: InputLocations,
	options: { env: Record<string, string | undefined>; node: string; args: string[] },
): BuildInputs {
	return readBuildInputsAndHashes(locations, options, null).inputs;
}
