import { authorError } from '../site/author-error';
import { formatProblems, type GuideProblem } from './guide-content-checks';

/**
 * While `astro dev` runs, a guide the validator refuses stays in the content store, marked with
 * its problems, instead of stopping the server: its page then throws them, so the author sees
 * Astro's error overlay where they are looking, and never the page as it was before the edit.
 * A build never stores a marked guide; it stops on the problems instead.
 */

const MARK = 'stepcheckProblems';

export interface GuideProblems {
	/** The guide's file, as the content store names it (relative to the project). */
	file: string;
	problems: GuideProblem[];
}

/** The stored data of a refused guide: what parsed (nothing, if its YAML did not), and its problems. */
export function markInvalid(data: Record<string, unknown>, problems: GuideProblems): Record<string, unknown> {
	return { ...data, [MARK]: problems };
}

export function problemsOf(data: unknown): GuideProblems | undefined {
	if (typeof data !== 'object' || data === null || !(MARK in data)) return undefined;
	return (data as Record<typeof MARK, GuideProblems>)[MARK];
}

export function withoutMark(data: Record<string, unknown>): Record<string, unknown> {
	const { [MARK]: _problems, ...rest } = data;
	return rest;
}

/** The error a refused guide's page throws in `astro dev`: Astro shows it as its overlay, with the first problem's line in the file. */
export function invalidGuideError({ file, problems }: GuideProblems): Error {
	const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
	const error = authorError(
		`Stepcheck found ${count} in ${file}:\n${formatProblems(file, problems)}`,
		'Fix each line named above and save: this page comes back without restarting `astro dev`. See docs/build-errors.md.',
	);
	// Astro's overlay reads `loc` (a path from the project root will do) to show the file and a frame of the lines around the problem.
	Object.assign(error, { loc: { file, line: problems[0]?.line ?? 1, column: 1 } });
	return error;
}
