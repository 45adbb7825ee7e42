// @ts-check
// The lint rules of the whole repository, loaded through the root eslint.config.js. The packages
// imported here resolve from tools/lint/node_modules, the first-use install of tools/lint/.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/', '.astro/', '.bench/', '.test-output/', 'node_modules/', 'tools/*/sites/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	...astro.configs.recommended,
	// eslint-plugin-astro looks for the TypeScript parser from the working directory, where a
	// first-use install is not; without it, .astro scripts would be parsed as plain JavaScript.
	{
		files: ['**/*.astro'],
		languageOptions: { parserOptions: { parser: tseslint.parser } },
		processor: 'astro/client-side-ts',
	},
	{ files: ['**/*.astro/*.ts'], languageOptions: { parser: tseslint.parser } },
	{
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			'@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
		},
	},
	{
		// No import cycles: a cycle works only while its modules happen to load in a lucky order.
		files: ['src/**/*.{ts,astro}', 'scripts/**/*.{ts,mjs}'],
		plugins: { 'import-x': importX },
		settings: {
			...importX.flatConfigs.typescript.settings,
			'import-x/resolver': undefined,
			'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })],
		},
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
	},
);
