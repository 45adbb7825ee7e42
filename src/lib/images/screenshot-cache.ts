import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';
import type { ScreenshotFile } from './screenshot-files.ts';

/**
 * Encoded screenshot files kept between builds, named by the original's content, so a file
 * encoded early in a build (pre-encode-screenshots.ts) is found again when the pages name
 * it. An index remembers what each source image is (screenshot-sources.ts) by its size and
 * modification time, so a warm build reads and hashes no image.
 */

const sourceSchema = z.object({
	size: z.number(),
	mtimeMs: z.number(),
	digest: z.string(),
	width: z.number(),
	height: z.number(),
	format: z.string(),
	orientation: z.number().optional(),
});
export type IndexedSource = z.infer<typeof sourceSchema>;

const indexSchema = z.object({
	/** Source path relative to the guides folder → what the build knows of it. */
	sources: z.record(z.string(), sourceSchema).default({}),
});
type CacheIndex = z.infer<typeof indexSchema>;

export interface ScreenshotCache {
	dir: string;
	index: CacheIndex;
	/** The encoded file's path for an original with this digest. */
	path(digest: string, file: Omit<ScreenshotFile, 'original'>): string;
	save(): Promise<void>;
}

const INDEX = 'index.json';

export function contentDigest(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}

export async function openScreenshotCache(dir: string): Promise<ScreenshotCache> {
	await mkdir(dir, { recursive: true });
	let index: CacheIndex = { sources: {} };
	try {
		const parsed = indexSchema.safeParse(JSON.parse(await readFile(join(dir, INDEX), 'utf8')));
		// A damaged index only costs hashing the originals again.
		if (parsed.success) index = parsed.data;
	} catch {
		// No index yet.
	}
	return {
		dir,
		index,
		path: (digest, file) => join(dir, `${digest}.${file.width}w-q${file.quality}-${file.fingerprint}.${file.format}`),
		async save() {
			const partial = join(dir, `${INDEX}.${process.pid}.partial`);
			await writeFile(partial, JSON.stringify(index));
			await rename(partial, join(dir, INDEX));
		},
	};
}

export const isFile = (path: string) =>
	stat(path).then(
		(s) => s.isFile(),
		() => false,
	);
