import { normalizeOrigin } from '../lib/http/cors';

/** What the build bakes into the companion file (`astro.config.mjs`: `site`; environment: port, origins). */
export interface CompanionDefaults {
	siteOrigin: string;
	/** STEPCHECK_COMPANION_ORIGINS at build time: previews and mirrors that may use it too. */
	extraOrigins: string[];
	port: number;
	version: string;
}

export interface CompanionOptions {
	port: number;
	/** Every origin whose pages may use the companion: the site's first. */
	origins: string[];
}

export type ParsedArgs = { ok: true; options: CompanionOptions } | { ok: true; help: true } | { ok: false; error: string };

/** `--help`: the flags, and what this file answers unless told otherwise (its site's origins and port). */
export function usage(defaults: CompanionDefaults): string {
	return `Usage: node stepcheck-companion.mjs [--port N] [--allow-origin https://preview.example.org]...

Runs the live checks of ${defaults.siteOrigin} on this computer, with your own AWS sign-in.
Answers pages from: ${[defaults.siteOrigin, ...defaults.extraOrigins].join(', ')}
Listens on: http://127.0.0.1:${defaults.port} and [::1]:${defaults.port}
Needs Node.js 22 or newer.

  --port N             listen on port N of 127.0.0.1 and [::1] (1024-65535; default ${defaults.port})
  --allow-origin URL   also answer pages from this origin (scheme://host[:port]); repeatable
  --help               show this text`;
}

function readPort(value: string | undefined): number | string {
	const port = Number(value);
	if (!value || !/^\d+$/.test(value) || port < 1024 || port > 65535)
		return `--port needs a number from 1024 to 65535, got "${value ?? ''}". Example: --port 4319`;
	return port;
}

/** Parses the command line; every mistake names the flag, what it got and what it wants. */
export function parseCompanionArgs(argv: readonly string[], defaults: CompanionDefaults): ParsedArgs {
	let port = defaults.port;
	const origins = [defaults.siteOrigin, ...defaults.extraOrigins];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		const [flag, inline] =
			arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg];
		const value = () => inline ?? argv[++index];
		if (flag === '--help' || flag === '-h') return { ok: true, help: true };
		if (flag === '--port') {
			const read = readPort(value());
			if (typeof read === 'string') return { ok: false, error: read };
			port = read;
		} else if (flag === '--allow-origin') {
			const raw = value() ?? '';
			const origin = normalizeOrigin(raw);
			if (!origin)
				return {
					ok: false,
					error: `--allow-origin needs an origin such as https://preview.example.org (scheme, host and port only, no path), got "${raw}".`,
				};
			if (!origins.includes(origin)) origins.push(origin);
		} else {
			return { ok: false, error: `Unknown argument "${arg}".\n\n${usage(defaults)}` };
		}
	}
	return { ok: true, options: { port, origins } };
}
