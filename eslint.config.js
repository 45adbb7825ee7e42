// @ts-check
// ESLint finds this file at the root, so its ignores and `files` patterns are the repository's;
// the rules live beside their packages in tools/lint/, installed on first use (docs/testing.md).
export { default } from './tools/lint/config.js';
