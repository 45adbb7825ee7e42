import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * The third-party packages a bundle is made of, read from esbuild's metafile inputs: each input
 * under `node_modules/` belongs to the package folder nearest it. Their licences ask that their
 * notices travel with the code, so the companion carries them at its end.
 */
export interface BundledPackage {
	name: string;
	version: string;
	license: string;
	/** The package's own licence and notice files, as written. */
	texts: string[];
}

const LICENSE_FILE = /^(?:licen[cs]e|copying|notice)(?:[.-].*)?$/i;

/** The package folder of a file under node_modules (`…/node_modules/@scope/name`), or null. */
export function packageFolder(file: string): string | null {
	const parts = file.split(/[\\/]/);
	const at = parts.lastIndexOf('node_modules');
	if (at < 0 || at + 1 >= parts.length) return null;
	const length = parts[at + 1]!.startsWith('@') ? 2 : 1;
	return parts.slice(0, at + 1 + length).join(sep);
}

export function bundledPackages(inputs: readonly string[]): BundledPackage[] {
	const folders = new Set(inputs.map(packageFolder).filter((folder): folder is string => folder !== null));
	const packages = new Map<string, BundledPackage>();
	for (const folder of folders) {
		const manifest = join(folder, 'package.json');
		if (!existsSync(manifest)) continue;
		const { name, version, license } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
		if (typeof name !== 'string' || packages.has(`${name}@${version}`)) continue;
		const texts = readdirSync(folder)
			.filter((file) => LICENSE_FILE.test(file))
			.sort()
			.map((file) => readFileSync(join(folder, file), 'utf8').trim());
		packages.set(`${name}@${version}`, {
			name,
			version: String(version),
			license: typeof license === 'string' ? license : 'UNKNOWN',
			texts,
		});
	}
	return [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Where a licence's terms end and a package's own lines (its copyright notice) begin: the AWS
 * SDK's packages share the Apache License 2.0 word for word, each with its own years in the
 * appendix from this line on (some leave the appendix out).
 */
const END_OF_TERMS = /^[ \t]*END OF TERMS AND CONDITIONS[ \t]*$/m;

/** A licence text as the parts it may share with other packages': the terms, then the rest. */
function noticeParts(text: string): string[] {
	const end = END_OF_TERMS.exec(text);
	if (!end) return [text];
	return [text.slice(0, end.index).trim(), text.slice(end.index).trim()];
}

/**
 * A legal comment for the end of the bundle: every package with its licence, then each distinct
 * licence text once with the packages it covers (the AWS SDK's dozens of packages share one
 * copy of the Apache terms, each package's own copyright lines kept after it).
 */
export function noticesComment(packages: readonly BundledPackage[]): string {
	// Copies of one licence differ in line breaks and spacing only; each is printed once.
	const byText = new Map<string, { text: string; names: string[] }>();
	for (const pkg of packages) {
		for (const text of pkg.texts.flatMap(noticeParts)) {
			const key = text.replace(/\s+/g, ' ');
			const entry = byText.get(key) ?? { text, names: [] };
			if (!entry.names.includes(pkg.name)) byText.set(key, { ...entry, names: [...entry.names, pkg.name] });
		}
	}
	const lines = [
		'Third-party software in this file, and its licence notices.',
		'',
		...packages.map((pkg) => `${pkg.name}@${pkg.version} (${pkg.license})`),
		...[...byText.values()].flatMap(({ text, names }) => ['', `--- ${names.join(', ')} ---`, '', text]),
	];
	// The comment must not end early: a `*/` inside a licence text would close it.
	const body = lines.flatMap((line) => line.split(/\r?\n/)).map((line) => ` * ${line}`.trimEnd().replaceAll('*/', '* /'));
	return `/*!\n${body.join('\n')}\n */\n`;
}
