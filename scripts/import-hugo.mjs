// `npm run import:hugo -- <file-or-folder> [options]`: imports Hugo posts as guides.
// The importer is TypeScript shared with the site and the tests; Vite's module runner
// loads it the same way the build does.
import { runnerImport } from 'vite';

const { module } = await runnerImport('/src/lib/import/run-import.ts', { root: process.cwd(), logLevel: 'error', configFile: false });
process.exitCode = module.runImport(process.argv.slice(2), {
	cwd: process.env.INIT_CWD || process.cwd(),
	projectRoot: process.cwd(),
	log: (line) => console.log(line),
	error: (line) => console.error(line),
});
