import type { Plugin } from 'vite';

/**
 * Packages the browser never runs: the AWS SDK and the policy evaluator. Browser code imports
 * the check modules for their pure `decide…` functions (CloudShell paste mode), and those
 * modules also hold the AWS calls, so without this the client build parsed about 900 modules
 * (2.4 MB) of SDK to tree-shake them all away again: 0.6 s of every build, against 0.1 s for
 * Starlight's client build. Here, in the client environment only, they are external and free
 * of side effects, so an import nothing uses disappears. If browser code ever did use one, the
 * bundle would keep a bare `@aws-sdk/…` import, which a build test refuses
 * (tests/build/site.test.ts).
 */
const SERVER_ONLY = /^@(?:aws-sdk|smithy|aws-crypto|cloud-copilot)\//;

/**
 * An import of a server-only package that binds nothing. The bundler can leave one behind when
 * dead code in a check module referred to a function of another module that uses the SDK (a
 * credential report check's `gather`), even though the package is declared free of side effects.
 */
const BARE_SERVER_ONLY_IMPORT = /import\s*["']@(?:aws-sdk|smithy|aws-crypto|cloud-copilot)\/[^"']*["'];?/g;

export function serverOnlyPackages(): Plugin {
	return {
		name: 'stepcheck:server-only-packages',
		enforce: 'pre',
		resolveId(source) {
			if (this.environment.name !== 'client' || !SERVER_ONLY.test(source)) return null;
			return { id: source, external: true, moduleSideEffects: false };
		},
		// After minification, not in renderChunk: the minifier is what writes the import out bare.
		generateBundle(_options, bundle) {
			if (this.environment.name !== 'client') return;
			for (const output of Object.values(bundle)) {
				if (output.type === 'chunk') output.code = output.code.replace(BARE_SERVER_ONLY_IMPORT, '');
			}
		},
	};
}
