import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { moveStaticHtml } from '../lib/content/static-html.ts';

/** The array a compiled guide reads its static parts from; no guide's own code uses such a name. */
const PARTS = '__stepcheckStaticHtml';

/** A file no build has read for this long is removed (a build beside this one may have just written one). */
const UNUSED_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * In a build, each guide's static HTML goes to a file in the cache folder, named by its content,
 * and the guide's module reads it back when the pages are rendered (src/lib/content/static-html.ts
 * says why). The pages are the same; `astro dev` is unchanged.
 */
export function guideHtmlFiles(): AstroIntegration {
	let folder = '';
	/** The files this build's guides read. */
	const used = new Set<string>();
	return {
		name: 'stepcheck-guide-html-files',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				if (command !== 'build') return;
				folder = join(fileURLToPath(config.cacheDir), 'static-html');
				const reader = JSON.stringify(fileURLToPath(new URL('../lib/content/static-html-file.ts', import.meta.url)));
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'stepcheck:guide-html-files',
								transform: {
									// After the MDX compiler, which writes the static parts.
									order: 'post',
									filter: { id: /\.mdx$/ },
									handler(code: string) {
										const moved = moveStaticHtml(code, PARTS);
										if (!moved) return undefined;
										const json = JSON.stringify(moved.parts);
										const name = `${createHash('sha256').update(json).digest('base64url').slice(0, 32)}.json`;
										const file = join(folder, name);
										used.add(name);
										if (existsSync(file)) {
											const now = new Date();
											utimesSync(file, now, now);
										} else {
											mkdirSync(folder, { recursive: true });
											// Written aside and renamed: a build beside this one may read the same file.
											const aside = `${file}.${process.pid}.tmp`;
											writeFileSync(aside, json);
											renameSync(aside, file);
										}
										// Appended, so every line of the compiled guide keeps its number.
										const reading = `\nimport { readStaticHtml as ${PARTS}Read } from ${reader};\nconst ${PARTS} = ${PARTS}Read(${JSON.stringify(file)});\n`;
										return { code: moved.code + reading, map: null };
									},
								},
							},
						],
					},
				});
			},
			// Each edit of a guide leaves a file for its older version behind.
			'astro:build:done': () => {
				if (!folder || !existsSync(folder)) return;
				const before = Date.now() - UNUSED_FOR_MS;
				for (const name of readdirSync(folder)) {
					const file = join(folder, name);
					if (used.has(name)) continue;
					const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
					if (modified < before) rmSync(file, { force: true });
				}
			},
		},
	};
}
