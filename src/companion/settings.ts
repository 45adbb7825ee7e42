// Imported by astro.config.mjs through the companion integration, so relative imports name their extension.
import { normalizeOrigin } from '../lib/http/cors.ts';
import type { CompanionDefaults } from './options.ts';

export const COMPANION_FILE_NAME = 'stepcheck-companion.mjs';
/** Where the companion answers besides the checks: the island reads it before the first check. */
export const COMPANION_STATUS_PATH = '/api/companion';
/** Beside Astro's 4321, and unassigned by IANA. */
export const DEFAULT_COMPANION_PORT = 4319;

export type CompanionSettings = CompanionDefaults;

/**
 * The author's settings, read at build time: the site's origin from Astro's `site`, the port
 * from STEPCHECK_COMPANION_PORT and extra origins (previews, mirrors) from
 * STEPCHECK_COMPANION_ORIGINS. A bad value stops the build with the variable's name.
 */
export function companionSettingsFromEnv(
	env: Record<string, string | undefined>,
	site: string | undefined,
	version: string,
): CompanionSettings {
	const siteOrigin = site ? normalizeOrigin(new URL(site).origin) : null;
	if (!siteOrigin)
		throw new Error(`The companion needs the site's address: set "site" in astro.config.mjs (STEPCHECK_SITE_URL), got "${site ?? ''}".`);
	const rawPort = env.STEPCHECK_COMPANION_PORT?.trim();
	const port = rawPort ? Number(rawPort) : DEFAULT_COMPANION_PORT;
	if (!Number.isInteger(port) || port < 1024 || port > 65535)
		throw new Error(
			`STEPCHECK_COMPANION_PORT is "${rawPort}", expected a port from 1024 to 65535. Unset it for ${DEFAULT_COMPANION_PORT}.`,
		);
	const extraOrigins = (env.STEPCHECK_COMPANION_ORIGINS ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean)
		.map((entry) => {
			const origin = normalizeOrigin(entry);
			if (!origin)
				throw new Error(`STEPCHECK_COMPANION_ORIGINS has "${entry}", which is not an origin such as https://preview.example.org.`);
			return origin;
		});
	return { siteOrigin, extraOrigins, port, version };
}
