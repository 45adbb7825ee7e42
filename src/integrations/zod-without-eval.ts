import type { Plugin } from 'vite';

const ZOD = 'astro/zod';
const WRAPPER = '\0stepcheck:zod-without-eval';
const JITLESS = '\0stepcheck:zod-jitless';

/**
 * Pages run under a CSP without 'unsafe-eval'. Where it may, zod compiles object parsers with
 * `new Function`, and the probe it makes for that is reported as a CSP violation even though
 * zod catches the refusal. In the browser build, `astro/zod` therefore resolves to a module that
 * first turns zod's JIT off (its `jitless` setting, which zod reads from `globalThis` when it
 * loads), then re-exports `astro/zod`, so no schema is built with the probe.
 */
export function zodWithoutEval(): Plugin {
	return {
		name: 'stepcheck:zod-without-eval',
		enforce: 'pre',
		resolveId(source, importer) {
			if (source === JITLESS) return JITLESS;
			if (this.environment.name !== 'client' || source !== ZOD || importer === WRAPPER) return null;
			return WRAPPER;
		},
		load(id) {
			if (id === JITLESS) return 'const config = (globalThis.__zod_globalConfig ??= {});\nconfig.jitless = true;\n';
			if (id === WRAPPER) return [`import '${JITLESS}';`, `export * from '${ZOD}';`, `export { default } from '${ZOD}';`].join('\n');
			return null;
		},
	};
}
