import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { formatProblems, lintGuideSource } from './lint';
import { lintRemembered } from './lint-cache';
// The rules' own source: a clean result from older rules is not reused.
import lintRulesSource from './lint.ts?raw';

const LINT_RULES = createHash('sha256').update(lintRulesSource).digest('hex').slice(0, 16);

/**
 * The glob loader over `<base>/<slug>/index.mdx`, followed by a lint of every guide body,
 * so a broken guide stops `astro build` (and `astro dev`) with its file and line named.
 * Guides that linted clean and have not changed since are not parsed again.
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
			const report: string[] = [];
			let count = 0;
			for (const entry of context.store.values()) {
				if (!entry.filePath) continue;
				const file = resolve(entry.filePath);
				const folder = dirname(file);
				const problems = await lintRemembered(
					{
						id: entry.id,
						digest: entry.digest === undefined ? undefined : String(entry.digest),
						rules: LINT_RULES,
						readSource: () => readFileSync(file, 'utf8'),
						imageExists: (path) => existsSync(join(folder, path)),
						lint: lintGuideSource,
					},
					context.meta,
				);
				if (problems.length) {
					count += problems.length;
					report.push(formatProblems(entry.filePath, problems));
				}
			}
			if (count) {
				throw new Error(`Stepcheck found ${count} problem${count === 1 ? '' : 's'} in guide content:\n${report.join('\n')}`);
			}
		},
	};
}
