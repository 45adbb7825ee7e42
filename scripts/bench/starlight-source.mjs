// @ts-check
/**
 * Turns a Stepcheck guide into a page stock Starlight can build, changing as little as
 * possible: only `title` and `description` stay in the front matter (Starlight's schema has
 * no use for the rest), Starlight's own <Steps> is imported, and the Stepcheck components
 * the guide uses are mapped to small stand-ins in the scratch Starlight project.
 */

/** Stepcheck components with a stand-in in the scratch project (see starlight.mjs). */
const STAND_INS = /** @type {const} */ (['Callout', 'Screenshot']);
/** Components Starlight ships and the guides use under the same name. */
const STARLIGHT_COMPONENTS = /** @type {const} */ (['Steps']);

/**
 * @param {string} source a guide's index.mdx
 * @param {{ componentsPath: string }} options import path from the page to the scratch project's components folder
 * @returns {{ source: string, passthrough: string[] }} the page, and the unknown components it renders as plain wrappers
 */
export function toStarlightSource(source, { componentsPath }) {
	const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
	if (!match)
		throw new Error('A guide without front matter (--- … ---) cannot become a Starlight page; every Stepcheck guide starts with it.');
	const kept = /** @type {string} */ (match[1]).split('\n').filter((line) => /^(title|description):/.test(line));
	const body = source.slice(match[0].length);
	const imported = new Set(
		[...body.matchAll(/^import\s+(?:\{([^}]*)\}|(\w+))/gm)].flatMap((m) =>
			m[1]
				? m[1].split(',').map(
						(s) =>
							s
								.trim()
								.split(/\s+as\s+/)
								.pop() ?? '',
					)
				: [m[2] ?? ''],
		),
	);
	const used = new Set([...body.matchAll(/<([A-Z][A-Za-z0-9]*)/g)].map((m) => /** @type {string} */ (m[1])));
	const imports = [];
	const starlight = STARLIGHT_COMPONENTS.filter((name) => used.has(name) && !imported.has(name));
	if (starlight.length) imports.push(`import { ${starlight.join(', ')} } from '@astrojs/starlight/components';`);
	for (const name of STAND_INS)
		if (used.has(name) && !imported.has(name)) imports.push(`import ${name} from '${componentsPath}/${name}.astro';`);
	const known = new Set([...STARLIGHT_COMPONENTS, ...STAND_INS, ...imported]);
	const passthrough = [...used].filter((name) => !known.has(name)).sort();
	for (const name of passthrough) imports.push(`import ${name} from '${componentsPath}/Passthrough.astro';`);
	const head = `---\n${kept.join('\n')}\n---\n`;
	return { source: `${head}${imports.length ? `\n${imports.join('\n')}\n` : ''}${body}`, passthrough };
}
