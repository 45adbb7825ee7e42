import { z } from 'astro/zod';
import type { GuideProblem, GuideSteps } from './guide-content-checks';

/**
 * Remembers which guides linted clean, so a rebuild only parses the guides that changed.
 * A guide's lint depends on its source, on which of the images it names exist and on the
 * step counts of the guides it links to, so a clean result is kept with the source's digest,
 * the lint rules' fingerprint and what the lint found when it looked up image paths and
 * guides; it is reused only while all of these still hold. The guide's own step count is kept
 * too, so other guides' links can be checked without parsing it. Problems are never kept: a
 * guide with problems stops the build, and is linted again on the next one.
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
	/** Step counts of the other guides, for the guide's links to them. */
	guideSteps?: GuideSteps;
	lint: (
		source: string,
		imageExists: (relativePath: string) => boolean,
		guideSteps: GuideSteps,
	) => GuideProblem[] | Promise<GuideProblem[]>;
}

const cleanRecord = z.object({
	digest: z.string(),
	rules: z.string(),
	/** Each image path the lint looked up, and whether it existed. */
	images: z.record(z.string(), z.boolean()),
	/** Each guide the lint looked up for a link, and its step count then (null: no such guide). */
	guides: z.record(z.string(), z.number().nullable()).default({}),
	/** The guide's own step count. */
	steps: z.number().optional(),
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

const noGuides: GuideSteps = () => undefined;

/** A clean record still valid for this source and these rules, if there is one: what the loader needs without parsing. */
export function rememberedClean(request: Pick<LintRequest, 'id' | 'digest' | 'rules'>, memory: LintMemory): CleanRecord | null {
	if (!request.digest) return null;
	const record = readRecord(memory.get(key(request.id)));
	return record && record.digest === request.digest && record.rules === request.rules ? record : null;
}

/** The guide's lint problems, reusing a remembered clean result when nothing it depends on changed. */
export async function lintRemembered(request: LintRequest, memory: LintMemory, steps?: number): Promise<GuideProblem[]> {
	const guideSteps = request.guideSteps ?? noGuides;
	const { digest } = request;
	if (!digest) return request.lint(request.readSource(), request.imageExists, guideSteps);
	const record = rememberedClean(request, memory);
	if (
		record &&
		Object.entries(record.images).every(([path, existed]) => request.imageExists(path) === existed) &&
		Object.entries(record.guides).every(([id, count]) => (guideSteps(id) ?? null) === count)
	) {
		return [];
	}
	const images: Record<string, boolean> = {};
	const guides: Record<string, number | null> = {};
	const problems = await request.lint(
		request.readSource(),
		(path) => (images[path] = request.imageExists(path)),
		(id) => {
			const count = guideSteps(id);
			guides[id] = count ?? null;
			return count;
		},
	);
	if (problems.length) memory.delete(key(request.id));
	else memory.set(key(request.id), JSON.stringify({ digest, rules: request.rules, images, guides, steps } satisfies CleanRecord));
	return problems;
}
