import * as z from 'zod/mini';

/**
 * Reads the profile settings of the shared AWS config file (`~/.aws/config`) that decide
 * whether the CLI asks for an MFA code. Only the keys below are kept: access keys and
 * session tokens in the file are skipped while parsing and never leave this function.
 */
export const profileSettingsSchema = z.object({
	roleArn: z.nullable(z.string()),
	mfaSerial: z.nullable(z.string()),
	sourceProfile: z.nullable(z.string()),
	/** `sso_session` or `sso_start_url`: credentials come from an IAM Identity Center sign-in. */
	sso: z.boolean(),
	/** `credential_process`: credentials come from a program Stepcheck cannot look into. */
	credentialProcess: z.boolean(),
});
export type ProfileSettings = z.infer<typeof profileSettingsSchema>;

const KEPT_KEYS = new Set(['role_arn', 'mfa_serial', 'source_profile', 'sso_session', 'sso_start_url', 'credential_process']);

/** Profile name from a section header: `[default]`, `[profile dev]`; null for other sections (`[sso-session x]`). */
function profileName(header: string): string | null {
	const inner = header.trim();
	if (inner === 'default') return 'default';
	const match = /^profile\s+(.+)$/.exec(inner);
	return match ? match[1]!.trim() : null;
}

export function parseProfiles(text: string): Map<string, ProfileSettings> {
	const raw = new Map<string, Map<string, string>>();
	let current: Map<string, string> | null = null;
	for (const line of text.split(/\r?\n/)) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
		const section = /^\[(.+)\]$/.exec(trimmed);
		if (section) {
			const name = profileName(section[1]!);
			current = name === null ? null : (raw.get(name) ?? new Map());
			if (name !== null && current) raw.set(name, current);
			continue;
		}
		// Indented lines continue a nested block (`s3 =`), which holds nothing this check needs.
		if (!current || /^\s/.test(line)) continue;
		const equals = trimmed.indexOf('=');
		if (equals < 0) continue;
		const key = trimmed.slice(0, equals).trim().toLowerCase();
		if (KEPT_KEYS.has(key)) current.set(key, trimmed.slice(equals + 1).trim());
	}
	const profiles = new Map<string, ProfileSettings>();
	for (const [name, keys] of raw) {
		profiles.set(name, {
			roleArn: keys.get('role_arn') || null,
			mfaSerial: keys.get('mfa_serial') || null,
			sourceProfile: keys.get('source_profile') || null,
			sso: keys.has('sso_session') || keys.has('sso_start_url'),
			credentialProcess: keys.has('credential_process'),
		});
	}
	return profiles;
}

/**
 * Where the CLI reads its config and which profile it uses, from the same variables the CLI
 * reads. `homeRelative` is what a page may be shown: `~/…` inside the home folder, else only
 * the variable and the file's name, since a full path names the reader's account on the computer.
 */
export function activeProfileLocation(env: Record<string, string | undefined>): { file: string; profile: string; homeRelative: string } {
	const home = (env.HOME || env.USERPROFILE || '').replace(/[\\/]+$/, '');
	const file = env.AWS_CONFIG_FILE || `${home}/.aws/config`;
	const insideHome = home !== '' && (file.startsWith(`${home}/`) || file.startsWith(`${home}\\`));
	const name = file.split(/[\\/]/).pop() || 'config';
	const homeRelative = insideHome ? `~${file.slice(home.length).replace(/\\/g, '/')}` : `AWS_CONFIG_FILE (a file named ${name})`;
	return { file, profile: env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default', homeRelative };
}
