// `npm run companion -- [--port N] [--allow-origin URL]`: the same companion the site offers
// for download, bundled from this clone's sources and run at once.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteConfig } from '../src/site.config.mjs';
import { bundleCompanion } from '../src/integrations/companion-file.ts';
import { COMPANION_FILE_NAME, companionSettingsFromEnv } from '../src/companion/settings.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const settings = companionSettingsFromEnv(process.env, siteConfig.url, version);
const bundle = await bundleCompanion(settings);
const file = join(root, 'node_modules/.cache/stepcheck', COMPANION_FILE_NAME);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, bundle.code);
const child = spawn(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit' });
// Ctrl+C reaches the child through the terminal; this process only waits for it.
process.on('SIGINT', () => {});
child.on('exit', (code) => process.exit(code ?? 0));
