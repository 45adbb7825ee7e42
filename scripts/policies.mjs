// Rewrites the generated block of README.md ("Live checks"): each check's minimal IAM policy,
// from the calls the checks declare. Vite loads the TypeScript sources as the site build does.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const readmePath = `${root}README.md`;
const { module: registry } = await runnerImport(`${root}src/lib/checks/registry.ts`, { root, logLevel: 'error' });
const { module: readmePolicies } = await runnerImport(`${root}src/lib/checks/readme-policies.ts`, { root, logLevel: 'error' });

const readme = await readFile(readmePath, 'utf8');
const updated = readmePolicies.replacePolicyBlock(readme, readmePolicies.renderPolicyBlock(registry.CHECKS));
if (updated === readme) console.log('README.md: the policy block is up to date.');
else {
	await writeFile(readmePath, updated);
	console.log(`README.md: rewrote the policy block for ${registry.CHECKS.length} checks.`);
}
