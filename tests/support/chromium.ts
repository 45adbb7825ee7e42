import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const INSTALL_HINT =
	'Chromium is needed for the browser tests: install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH to a Chromium binary.';

/**
 * Finds Debian's Chromium (never a downloaded browser). As root on Debian it installs
 * the package itself, so a fresh CI machine needs no extra step; anywhere else it stops
 * with one line saying how to install it.
 */
export function findChromium(): string {
	const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (existsSync(candidate)) return candidate;
	if (!process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
		console.log("Chromium is missing; installing Debian's chromium package with apt-get…");
		execFileSync('apt-get', ['update'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (existsSync(candidate)) return candidate;
	}
	throw new Error(INSTALL_HINT);
}

/** Flags that keep headless Chromium quiet on a machine without outside network. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** Playwright gives every launch a fresh temporary profile, so no state leaks between runs. */
export function launchChromium(executablePath: string): Promise<Browser> {
	return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
