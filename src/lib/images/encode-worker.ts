/**
 * One encoder thread of the pool (encode-pool.ts): reads one original from the guides folder
 * and writes the files asked of it into the screenshot cache, decoding it once for all of them.
 * Every import here names its `.ts` extension: Node loads this file itself, in a worker thread.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { encodeScreenshotFile } from './encode-screenshot.ts';
import type { ScreenshotFile } from './screenshot-files.ts';

export interface EncodeTarget extends Pick<ScreenshotFile, 'width' | 'quality' | 'format'> {
	/** Where the file goes in the cache. */
	path: string;
}

export interface EncodeTask {
	/** The original image in the guides folder. */
	source: string;
	files: EncodeTarget[];
}

/** Plain data, so it crosses the thread boundary whole (an Error would lose its `code`). */
export type EncodeOutcome = { ok: true } | { ok: false; message: string; code?: string };

export default async function encodeImageFiles({ source, files }: EncodeTask): Promise<EncodeOutcome> {
	try {
		const original = await readFile(source);
		for (const file of files) {
			const data = await encodeScreenshotFile(original, file);
			// Written aside, then renamed, so an interrupted build never leaves half a file.
			const partial = `${file.path}.${process.pid}.${process.hrtime.bigint()}.partial`;
			await writeFile(partial, data);
			await rename(partial, file.path);
		}
		return { ok: true };
	} catch (error) {
		const { message, code } = error as NodeJS.ErrnoException;
		return code ? { ok: false, message, code } : { ok: false, message };
	}
}
