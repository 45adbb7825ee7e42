import type { Plugin } from 'vite';

/** zod's two entries the project imports: the classic API, and the mini one of the live checks' schemas. */
const ZOD_ENTRIES = ['astro/zod', 'zod/mini'];
const WRAPPER = '\0stepcheck:zod-without-eval:';
const JITLESS = '\0stepcheck:zod-jitless';

/**
 * Pages run under a CSP without 'unsafe-eval'. Where it may, zod compiles object parsers with
 * `new Function`, and the probe it makes for that is reported as a CSP violation even though
 * zod catches the refusal. In the browser build, each zod entry therefore resolves to a module
 * that first turns zod's JIT off (its `jitless` setting, which zod reads from `globalThis` when
 * it loads), then re-exports the entry, so no schema is built with the probe.
 */
export function zodWithoutEval(): Plugin {
	return {
		name: 'stepcheck:zod-without-eval',
		enforce: 'pre',
		resolveId(source, importer) {
			if (source === JITLESS) return JITLESS;
			if (this.environment.name !== 'client' || !ZOD_ENTRIES.includes(source) || importer?.startsWith(WRAPPER)) return null;
			return `${WRAPPER}${source}`;
		},
		load(id) {
			if (id === JITLESS) return 'const config = (globalThis.__zod_globalConfig ??= {});\nconfig.jitless = true;\n';
			if (!id.startsWith(WRAPPER)) return null;
			const entry = id.slice(WRAPPER.length);
			// zod/mini has no default export; astro/zod has.
			const reexports = [`import '${JITLESS}';`, `export * from '${entry}';`];
			if (entry === 'astro/zod') reexports.push(`export { default } from '${entry}';`);
			return reexports.join('\n');
		},
	};
}
