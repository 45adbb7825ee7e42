import { z } from 'astro/zod';
import type { LintProblem } from './lint';

/**
 * Remembers which guides linted clean, so a rebuild only parses the guides that changed.
 * A guide's lint depends on its source and on which of the images it names exist, so a
 * clean result is kept with the source's digest, the lint rules' fingerprint and what the lint
 * found when it looked up image paths; it is reused only while all three still hold. Problems are never
 * kept: a guide with problems stops the build, and is linted again on the next one.
 */

/** Where clean results live between builds (the content loader's meta store). */
export interface LintMemory {
	get(key: string): string | undefined;
	set(key: string, value: string): void;
	delete(key: string): void;
}

export interface LintRequest {
	id: string;
	/** Changes whenever the guide's source does (the content layer's digest); without one nothing is remembered. */
	digest: string | undefined;
	/** Changes whenever the lint rules do. */
	rules: string;
	readSource: () => string;
	imageExists: (relativePath: string) => boolean;
	lint: (source: string, imageExists: (relativePath: string) => boolean) => LintProblem[] | Promise<LintProblem[]>;
}

const cleanRecord = z.object({
	digest: z.string(),
	rules: z.string(),
	/** Each image path the lint looked up, and whether it existed. */
	images: z.record(z.string(), z.boolean()),
});
type CleanRecord = z.infer<typeof cleanRecord>;

const key = (id: string) => `lint-clean:${id}`;

function readRecord(text: string | undefined): CleanRecord | null {
	if (!text) return null;
	try {
		return cleanRecord.parse(JSON.parse(text));
	} catch {
		// An unreadable or outdated record is only a cache miss.
		return null;
	}
}

/** The guide's lint problems, reusing a remembered clean result when nothing it depends on changed. */
export async function lintRemembered(request: LintRequest, memory: LintMemory): Promise<LintProblem[]> {
	const { digest } = request;
	if (!digest) return request.lint(request.readSource(), request.imageExists);
	const record = readRecord(memory.get(key(request.id)));
	if (
		record &&
		record.digest === digest &&
		record.rules === request.rules &&
		Object.entries(record.images).every(([path, existed]) => request.imageExists(path) === existed)
	) {
		return [];
	}
	const looked: Record<string, boolean> = {};
	const problems = await request.lint(request.readSource(), (path) => (looked[path] = request.imageExists(path)));
	if (problems.length) memory.delete(key(request.id));
	else memory.set(key(request.id), JSON.stringify({ digest, rules: request.rules, images: looked } satisfies CleanRecord));
	return problems;
}
