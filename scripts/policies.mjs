// Rewrites the generated block of docs/live-checks.md: each check's minimal IAM policy,
// from the calls the checks declare. Vite loads the TypeScript sources as the site build does.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pagePath = `${root}docs/live-checks.md`;
const { module: registry } = await runnerImport(`${root}src/lib/checks/registry.ts`, { root, logLevel: 'error' });
const { module: docsPolicies } = await runnerImport(`${root}src/lib/checks/docs-policies.ts`, { root, logLevel: 'error' });

const page = await readFile(pagePath, 'utf8');
const updated = docsPolicies.replacePolicyBlock(page, docsPolicies.renderPolicyBlock(registry.CHECKS));
if (updated === page) console.log('docs/live-checks.md: the policy block is up to date.');
else {
	await writeFile(pagePath, updated);
	console.log(`docs/live-checks.md: rewrote the policy block for ${registry.CHECKS.length} checks.`);
}
