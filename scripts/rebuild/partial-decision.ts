import type { BuildInputs } from './build-inputs.ts';
import type { BuildRecord, OutputFile } from './build-record.ts';
import { describeOutputChange } from './reuse-decision.ts';

/** More edited guides than this build in full: a partial build saves less as it renders more. */
export const MAX_PARTIAL_GUIDES = 3;

export type PartialDecision = { partial: true; guides: string[] } | { partial: false; reason: string };

/**
 * The guide a project file is the `index.mdx` of, or null. `guidesPrefix` is the guides folder as
 * the inputs name it (relative to the project, posix, no trailing slash).
 */
export function guideOfFile(path: string, guidesPrefix: string): string | null {
	if (!path.startsWith(`${guidesPrefix}/`)) return null;
	const inside = path.slice(guidesPrefix.length + 1);
	const match = /^(.+)\/index\.mdx$/.exec(inside);
	return match ? match[1]! : null;
}

/**
 * Whether a build may render only the guides that changed and keep every other file of the last
 * output (docs/performance.md, "Rebuilds"). Only when the last build's record is there, its output
 * is exactly as it left it, the environment, Node and arguments are the same, and every changed
 * file is the `index.mdx` of one of at most MAX_PARTIAL_GUIDES guides whose outline (what other
 * pages take from it) is unchanged. Anything else, images included, builds in full.
 * @param outlines today's outline of each changed guide, by id
 */
export function decidePartial(
	record: BuildRecord | null,
	inputs: BuildInputs,
	output: OutputFile[] | null,
	{ guidesPrefix, outlines }: { guidesPrefix: string; outlines: (id: string) => string | null },
): PartialDecision {
	if (!record) return { partial: false, reason: 'no record of the last build' };
	if (!output) return { partial: false, reason: 'the output is missing' };
	const outputChange = describeOutputChange(record.output, output);
	if (outputChange) return { partial: false, reason: `the output is not as the last build left it: ${outputChange}` };
	if (JSON.stringify(record.inputs.env) !== JSON.stringify(inputs.env)) return { partial: false, reason: 'environment variables changed' };
	if (record.inputs.node !== inputs.node) return { partial: false, reason: 'Node changed' };
	if (JSON.stringify(record.inputs.args) !== JSON.stringify(inputs.args)) return { partial: false, reason: 'the build arguments changed' };
	const paths = [...new Set([...Object.keys(record.inputs.files), ...Object.keys(inputs.files)])].sort();
	const changed = paths.filter((path) => record.inputs.files[path] !== inputs.files[path]);
	if (changed.length === 0) return { partial: false, reason: 'nothing changed' };
	const guides: string[] = [];
	for (const path of changed) {
		const guide = guideOfFile(path, guidesPrefix);
		if (!guide) return { partial: false, reason: `${path} is not the text of a guide` };
		if (!(path in record.inputs.files) || !(path in inputs.files)) return { partial: false, reason: `${path} was added or removed` };
		if (record.outlines[guide] === undefined || record.outlines[guide] !== outlines(guide))
			return {
				partial: false,
				reason: `${path} changed what other pages show of it (front matter, headings, steps, components, links or images)`,
			};
		guides.push(guide);
	}
	if (guides.length > MAX_PARTIAL_GUIDES)
		return { partial: false, reason: `${guides.length} guides changed (a partial build renders up to ${MAX_PARTIAL_GUIDES})` };
	return { partial: true, guides };
}
