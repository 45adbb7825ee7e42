/**
 * Bundler warnings the author can do nothing about. The MDX integration compiles every guide
 * with a `"use astro:head-inject"` directive, a marker Astro itself reads before bundling; the
 * bundler then warns, once per guide, that it may not keep the directive, which is true and
 * harmless (Astro no longer needs it by then). Only that directive is filtered: every other
 * MODULE_LEVEL_DIRECTIVE, such as a `"use client"` in a dependency, is still printed.
 */
interface BundlerLog {
	code?: string;
	message: string;
}

function isAstroHeadInjectWarning(log: BundlerLog): boolean {
	return log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"');
}

/** For Vite's `build.rolldownOptions.onwarn`. */
export function onBundlerWarning(log: BundlerLog, print: (log: BundlerLog) => void): void {
	if (!isAstroHeadInjectWarning(log)) print(log);
}
