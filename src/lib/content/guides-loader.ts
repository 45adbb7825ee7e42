import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { formatProblems, lintGuideSource } from './lint';

/**
 * The glob loader over `<base>/<slug>/index.mdx`, followed by a lint of every guide body,
 * so a broken guide stops `astro build` (and `astro dev`) with its file and line named.
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
				const problems = lintGuideSource(readFileSync(file, 'utf8'), (path) => existsSync(join(folder, path)));
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
