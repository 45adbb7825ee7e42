import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { countSteps } from './guide-content-checks';
import { formatProblems, lintGuideSource } from './lint';
import { lintRemembered, rememberedClean } from './lint-cache';
import { parseMdx } from './parse-mdx';
import { staleReviewWarning } from './review';
// The rules' own source: a clean result from older rules is not reused.
import lintRulesSource from './lint.ts?raw';
import contentChecksSource from './guide-content-checks.ts?raw';
import commandRulesSource from './guide-commands.ts?raw';
import walkSource from './mdast-walk.ts?raw';

const LINT_RULES = createHash('sha256')
	.update(lintRulesSource)
	.update(contentChecksSource)
	.update(commandRulesSource)
	.update(walkSource)
	.digest('hex')
	.slice(0, 16);

function stepsOf(source: string): number {
	try {
		return countSteps(parseMdx(source));
	} catch {
		// The lint reports the syntax error with its line.
		return 0;
	}
}

/**
 * The glob loader over `<base>/<slug>/index.mdx`, followed by the content validator on every
 * guide (lint.ts), so a guide the tests would refuse stops `astro build` (and `astro dev`) with
 * its file, line and fix. Guides that linted clean and have not changed since are not parsed
 * again; their step counts, which links from other guides are checked against, come from the
 * same memory. A guide whose `reviewed` day is over 180 days old gets a warning, not an error.
 */
export function guidesLoader(base: string): Loader {
	const inner = glob({
		pattern: '**/index.mdx',
		base,
		generateId: ({ entry }) => entry.replace(/\/?index\.mdx$/, ''),
	});
	return {
		name: 'stepcheck-guides',
		load: async (context) => {
			await inner.load(context);
			const guides = [...context.store.values()].flatMap((entry) => {
				if (!entry.filePath) return [];
				const file = resolve(entry.filePath);
				const digest = entry.digest === undefined ? undefined : String(entry.digest);
				const source = () => readFileSync(file, 'utf8');
				const remembered = rememberedClean({ id: entry.id, digest, rules: LINT_RULES }, context.meta);
				return [{ entry, file, digest, source, steps: remembered?.steps ?? stepsOf(source()) }];
			});
			const steps = new Map(guides.map((guide) => [guide.entry.id, guide.steps]));
			const report: string[] = [];
			let count = 0;
			for (const { entry, file, digest, source, steps: own } of guides) {
				const folder = dirname(file);
				const problems = await lintRemembered(
					{
						id: entry.id,
						digest,
						rules: LINT_RULES,
						readSource: source,
						imageExists: (path) => existsSync(join(folder, path)),
						guideSteps: (id) => steps.get(id),
						lint: lintGuideSource,
					},
					context.meta,
					own,
				);
				if (problems.length) {
					count += problems.length;
					report.push(formatProblems(entry.filePath!, problems));
				}
				const reviewed = (entry.data as { reviewed?: unknown }).reviewed;
				const warning = staleReviewWarning(entry.filePath!, reviewed instanceof Date ? reviewed : undefined, new Date());
				if (warning) context.logger.warn(warning);
			}
			if (count) {
				throw new Error(`Stepcheck found ${count} problem${count === 1 ? '' : 's'} in guide content:\n${report.join('\n')}`);
			}
		},
	};
}
