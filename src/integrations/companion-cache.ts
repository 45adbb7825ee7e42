import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';

/**
 * Keeps the companion bundle between builds. Bundling it (the AWS SDK and the checks,
 * minified) kept esbuild busy for about half a second of every build, on a
 * core the rest of the build wanted; a build whose inputs have not changed reuses the file.
 * "Unchanged" means: the same `key` (the settings, the bundler's own code, the lockfile) and
 * every file the bundler read still has its size and modification time.
 */
const manifestSchema = z.object({
	key: z.string(),
	sha256: z.string(),
	inputs: z.array(z.object({ path: z.string(), size: z.number(), mtimeMs: z.number() })),
});

export interface BundleResult {
	code: Uint8Array;
	sha256: string;
	/** Absolute paths of every file the bundle was made from. */
	inputs: string[];
}

async function unchanged(inputs: z.infer<typeof manifestSchema>['inputs']): Promise<boolean> {
	for (const input of inputs) {
		const now = await stat(input.path).catch(() => null);
		if (!now || now.size !== input.size || now.mtimeMs !== input.mtimeMs) return false;
	}
	return true;
}

/** The bundle from `dir` when nothing it was made from changed, otherwise a new one from `make`, kept in `dir`. */
export async function cachedBundle(
	dir: string,
	key: string,
	make: () => Promise<BundleResult>,
): Promise<{ code: Uint8Array; sha256: string; reused: boolean }> {
	const manifestPath = join(dir, 'manifest.json');
	const codePath = join(dir, 'bundle.mjs');
	try {
		const manifest = manifestSchema.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
		if (manifest.key === key && (await unchanged(manifest.inputs))) {
			const code = await readFile(codePath);
			// A damaged file is rebuilt, never shipped.
			if (createHash('sha256').update(code).digest('hex') === manifest.sha256) return { code, sha256: manifest.sha256, reused: true };
		}
	} catch {
		// No cache yet, or one from another version: bundle.
	}
	const made = await make();
	try {
		const inputs = await Promise.all(
			made.inputs.map(async (path) => {
				const s = await stat(path);
				return { path, size: s.size, mtimeMs: s.mtimeMs };
			}),
		);
		await mkdir(dir, { recursive: true });
		await writeFile(`${codePath}.${process.pid}.partial`, made.code);
		await rename(`${codePath}.${process.pid}.partial`, codePath);
		await writeFile(manifestPath, JSON.stringify({ key, sha256: made.sha256, inputs } satisfies z.infer<typeof manifestSchema>));
	} catch {
		// A bundle that cannot be kept (an input that is no file, a read-only cache) is still this build's bundle.
	}
	return { code: made.code, sha256: made.sha256, reused: false };
}
