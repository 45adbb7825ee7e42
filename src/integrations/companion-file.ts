import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'esbuild';
import { cachedBundle, type BundleResult } from './companion-cache.ts';
import { COMPANION_FILE_NAME, companionSettingsFromEnv, type CompanionSettings } from '../companion/settings.ts';
import { PROBE_ACTIONS } from '../lib/checks/probe-actions.ts';

/**
 * Bundles `src/companion/main.ts` (the real check modules, guard and endpoint handler, and the
 * AWS SDK) into one file that runs on Node 22 or newer (the maintained lines) with no `node_modules`. The build
 * serves it at `/companion/<name>` and the island shows its SHA-256 beside the command.
 */
const ENTRY = fileURLToPath(new URL('../companion/main.ts', import.meta.url));
const VIRTUAL_ID = 'virtual:stepcheck/companion';
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The mfa-policy check evaluates policies locally with @cloud-copilot/iam-simulate, which reads
 * IAM's service data (15 MB) from files beside it. The companion has no files beside it, so it
 * carries the part the evaluation of the probe actions reads: the service lists, and for each
 * probe action's service its resource types, condition keys and that action's entry.
 */
function iamDataSubset(root: string): Record<string, unknown> {
	const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
	const files: Record<string, unknown> = {};
	for (const name of [
		'services.json',
		'serviceNames.json',
		'conditionPatterns.json',
		'unassociatedConditions.json',
		'rcpSupportedServices.json',
	]) {
		if (existsSync(join(root, name))) files[`data/${name}`] = read(name);
	}
	for (const action of PROBE_ACTIONS) {
		const [service = '', name = ''] = action.toLowerCase().split(':');
		const actions = (files[`data/actions/${service}.json`] ??= {}) as Record<string, unknown>;
		actions[name] = read(`actions/${service}.json`)[name];
		for (const kind of ['resourceTypes', 'conditionKeys']) {
			if (existsSync(join(root, kind, `${service}.json`))) files[`data/${kind}/${service}.json`] = read(`${kind}/${service}.json`);
		}
	}
	return files;
}

const embeddedIamData: Plugin = {
	name: 'stepcheck:iam-data-subset',
	setup(builder) {
		// The package's own reader, at dist/esm/, resolves its data folder two levels up.
		builder.onLoad({ filter: /iam-data[\\/]dist[\\/]esm[\\/]readRelativeFile\.js$/ }, (file) => ({
			loader: 'js',
			contents: `const FILES = ${JSON.stringify(iamDataSubset(join(dirname(file.path), '../../data')))};
export async function readRelativeFile(parts) {
	const key = parts.join('/');
	if (Object.hasOwn(FILES, key)) return structuredClone(FILES[key]);
	throw new Error('The companion carries no IAM data file ' + key + '.');
}`,
		}));
	},
};

/**
 * zod's namespace import (`import { z } from 'astro/zod'`) keeps every export, including the
 * messages of its ~60 locales; the companion reports in English only, so it carries that one.
 * A smaller file starts faster, and start-to-listening has a budget.
 */
const englishOnlyZod: Plugin = {
	name: 'stepcheck:zod-english-only',
	setup(builder) {
		builder.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (file) => ({
			loader: 'js',
			resolveDir: dirname(file.path),
			contents: "export { default as en } from './en.js';",
		}));
	},
};

export type CompanionBundle = BundleResult;

export async function bundleCompanion(settings: CompanionSettings): Promise<CompanionBundle> {
	// Loaded here, not with the Astro config, so `astro dev` and `astro check` never pay for it.
	const { build, stop } = await import('esbuild');
	// esbuild answers from a service process (about 100 MB) that lives until it is stopped; the
	// build would otherwise carry it to the end, beside its own memory peak.
	const result = await build({
		entryPoints: [ENTRY],
		bundle: true,
		platform: 'node',
		target: 'node22',
		format: 'esm',
		minify: true,
		write: false,
		legalComments: 'eof',
		plugins: [embeddedIamData, englishOnlyZod],
		define: { __STEPCHECK_COMPANION__: JSON.stringify(settings) },
		// Some SDK dependencies still call require() for Node built-ins.
		banner: {
			js: "import { createRequire as __stepcheckRequire } from 'node:module'; const require = __stepcheckRequire(import.meta.url);",
		},
		logLevel: 'silent',
		metafile: true,
	}).finally(() => stop());
	const code = result.outputFiles[0]!.contents;
	// The IAM data files the plugin reads are not in the metafile; the lockfile stands for them in the cache key.
	// Virtual inputs (`<define:…>`) are covered by the settings in the cache key.
	const inputs = Object.keys(result.metafile.inputs)
		.filter((input) => !input.startsWith('<'))
		.map((input) => resolve(input));
	return { code, sha256: createHash('sha256').update(code).digest('hex'), inputs };
}

/** What the cached bundle depends on besides the files esbuild reads: the settings, this file (the plugins), the lockfile. */
function bundleKey(settings: CompanionSettings): string {
	const hash = createHash('sha256')
		.update(JSON.stringify(settings))
		.update(readFileSync(new URL(import.meta.url)));
	const lockfile = new URL('../../package-lock.json', import.meta.url);
	if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
	return hash.digest('hex');
}

/** What pages know about the file; `sha256` is null outside a build (`astro dev`). */
interface CompanionInfo {
	fileName: string;
	sha256: string | null;
	port: number;
}

export function companionFile(): AstroIntegration {
	let pending: Promise<{ code: Uint8Array; sha256: string; reused: boolean }> | null = null;
	let settings: CompanionSettings;
	return {
		name: 'stepcheck:companion-file',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				settings = companionSettingsFromEnv(process.env, config.site, VERSION);
				// Bundled while Astro renders the pages; the pages wait for its hash only when they need it.
				if (command === 'build')
					pending = cachedBundle(join(fileURLToPath(config.cacheDir), 'companion'), bundleKey(settings), () => bundleCompanion(settings));
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'stepcheck:companion-info',
								resolveId: (id: string) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined),
								load: async (id: string) => {
									if (id !== `\0${VIRTUAL_ID}`) return undefined;
									const info: CompanionInfo = {
										fileName: COMPANION_FILE_NAME,
										sha256: pending ? (await pending).sha256 : null,
										port: settings.port,
									};
									return `export default ${JSON.stringify(info)};`;
								},
							},
						],
					},
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!pending) return;
				const bundle = await pending;
				const file = join(fileURLToPath(dir), 'companion', COMPANION_FILE_NAME);
				mkdirSync(dirname(file), { recursive: true });
				writeFileSync(file, bundle.code);
				logger.info(
					`companion/${COMPANION_FILE_NAME}: ${(bundle.code.byteLength / 1e6).toFixed(2)} MB${bundle.reused ? ' (unchanged, from the cache)' : ''}, SHA-256 ${bundle.sha256}`,
				);
			},
		},
	};
}
