// @ts-check
/**
 * A scratch Starlight project per corpus, built the stock way (`astro build`, which also
 * runs Starlight's Pagefind). Projects live in `tools/starlight/sites/<name>/` (ignored by git) so Node finds
 * the installed packages by walking up, with no symlink, and each declares the installed
 * packages as dependencies: Astro bundles integrations it finds there (Starlight imports
 * `astro:` modules and cannot run unbundled). A bench given its own folder (`--dir`, as the
 * build test does) keeps its projects in a subfolder of their own, so it never replaces the
 * projects of a bench running beside it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { toStarlightSource } from './starlight-source.mjs';

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
	cacheDir: './.cache',
	integrations: [starlight({ title: 'Starlight bench' })],
});
`;
const CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`;
const CALLOUT = `---
import { Aside } from '@astrojs/starlight/components';
const types = { note: 'note', tip: 'tip', warning: 'caution' };
const { type = 'note' } = Astro.props;
---
<Aside type={types[type] ?? 'note'}><slot /></Aside>
`;
const SCREENSHOT = `---
import { Image } from 'astro:assets';
const { src, alt, caption } = Astro.props;
---
<figure><Image src={src} alt={alt} />{caption && <figcaption>{caption}</figcaption>}</figure>
`;
const PASSTHROUGH = `<div><slot /></div>\n`;

/** Where a guide lives inside the scratch project. @param {string} project */
export const starlightGuidesDir = (project) => join(project, 'src', 'content', 'docs', 'guides');
const COMPONENTS_FROM_GUIDE = '../../../../components';

/** @param {string} source */
export const starlightPage = (source) => toStarlightSource(source, { componentsPath: COMPONENTS_FROM_GUIDE }).source;

/**
 * Where the bench's Starlight projects go: `sites/` for the default bench folder, else a
 * subfolder named by a digest of the bench folder's full path (a short, safe name no other
 * folder gets).
 * @param {string} toolDir @param {string | null} benchDir the bench's `--dir`, null for the default
 */
export function starlightSitesDir(toolDir, benchDir) {
	const sites = join(toolDir, 'sites');
	if (benchDir === null) return sites;
	return join(sites, `dir-${createHash('sha256').update(resolve(benchDir)).digest('hex').slice(0, 12)}`);
}

/**
 * @param {{ toolDir: string, sitesDir?: string, name: string, guidesFrom: string, guideIds?: string[] }} options sitesDir from starlightSitesDir
 * @returns {string} the project folder
 */
export function createStarlightProject({ toolDir, sitesDir = join(toolDir, 'sites'), name, guidesFrom, guideIds }) {
	const project = join(sitesDir, name);
	rmSync(project, { recursive: true, force: true });
	mkdirSync(join(project, 'src', 'components'), { recursive: true });
	const { dependencies } = JSON.parse(readFileSync(join(toolDir, 'package.json'), 'utf8'));
	writeFileSync(
		join(project, 'package.json'),
		JSON.stringify(
			{ name: 'starlight-bench-site', private: true, type: 'module', scripts: { build: 'astro build' }, dependencies },
			null,
			2,
		),
	);
	writeFileSync(join(project, 'astro.config.mjs'), CONFIG);
	writeFileSync(join(project, 'src', 'content.config.ts'), CONTENT_CONFIG);
	writeFileSync(join(project, 'src', 'components', 'Callout.astro'), CALLOUT);
	writeFileSync(join(project, 'src', 'components', 'Screenshot.astro'), SCREENSHOT);
	writeFileSync(join(project, 'src', 'components', 'Passthrough.astro'), PASSTHROUGH);
	const guides = starlightGuidesDir(project);
	mkdirSync(guides, { recursive: true });
	writeFileSync(
		join(project, 'src', 'content', 'docs', 'index.mdx'),
		'---\ntitle: Starlight bench\ndescription: The same guides, built with stock Starlight.\n---\n\nGuides for the benchmark.\n',
	);
	const ids =
		guideIds ??
		readdirSync(guidesFrom, { withFileTypes: true })
			.filter((d) => d.isDirectory())
			.map((d) => d.name);
	for (const id of ids) {
		const from = join(guidesFrom, id);
		if (!existsSync(join(from, 'index.mdx'))) throw new Error(`${from} has no index.mdx; a guide folder must hold one.`);
		cpSync(from, join(guides, id), { recursive: true, filter: (src) => !src.includes('/illustrations') && !src.endsWith('.complete') });
		writeFileSync(join(guides, id, 'index.mdx'), starlightPage(readFileSync(join(from, 'index.mdx'), 'utf8')));
	}
	return project;
}
