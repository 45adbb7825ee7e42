import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'astro/zod';
import { buildInputsSchema, fileHashesSchema } from './build-inputs.ts';

/** A file of the output as the last good build left it. */
const outputFileSchema = z.object({ path: z.string(), size: z.number(), mtimeMs: z.number() });
export type OutputFile = z.infer<typeof outputFileSchema>;

/**
 * What `npm run build` writes after a build succeeded: the inputs it built from and the files it
 * wrote. Kept in the cache folder, never in the output (that is deployed), and removed before
 * every build starts, so a build that failed or was stopped leaves no record to trust.
 */
const buildRecordSchema = z.object({
	version: z.literal(2),
	fingerprint: z.string(),
	inputs: buildInputsSchema,
	output: z.array(outputFileSchema),
	/** Guide id → what other pages can take from it (guide-outline.ts): a partial build needs these unchanged. */
	outlines: z.record(z.string(), z.string()),
	/** Each input file's hash with its size, time and inode, for the next build to reuse. */
	hashes: fileHashesSchema.optional(),
});
export type BuildRecord = z.infer<typeof buildRecordSchema>;

/** One record per output folder: the tests and the bench build several into one cache. */
export function recordPath(cacheDir: string, outDir: string): string {
	return join(cacheDir, 'stepcheck-builds', `${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.json`);
}

/** The record, or null when there is none or it cannot be read as one (then nothing is reused). */
export function readRecord(file: string): BuildRecord | null {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return null;
	}
	try {
		const parsed = buildRecordSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export function writeRecord(file: string, record: BuildRecord): void {
	mkdirSync(dirname(file), { recursive: true });
	// Written beside and renamed, so a build stopped mid-write never leaves half a record.
	writeFileSync(`${file}.tmp`, JSON.stringify(record));
	renameSync(`${file}.tmp`, file);
}

export function removeRecord(file: string): void {
	rmSync(file, { force: true });
}

/** Every file under `dir` with its size and modification time, sorted by path; null when `dir` is missing. */
export function listOutput(dir: string): OutputFile[] | null {
	const files: OutputFile[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else {
				const stat = statSync(path, { throwIfNoEntry: false });
				files.push({ path: relative(dir, path).split(sep).join('/'), size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1 });
			}
		}
	};
	try {
		walk(dir);
	} catch {
		return null;
	}
	return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
