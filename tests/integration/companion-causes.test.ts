import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSE_LABELS } from '../../src/lib/checks/could-not-check';
import { CHECKS } from '../../src/lib/checks/registry';
import type { CouldNotCheckCause } from '../../src/lib/checks/result-schema';
import { checkupCatalog } from '../../src/lib/checkup/checkup-catalog';
import { checkupRows, summaryLine } from '../../src/lib/checkup/checkup-rows';
import { runCheckup } from '../../src/lib/checkup/run-checkup';
import { companionTransport } from '../../src/lib/live/check-transport';
import { createMotoUser, startMotoWithAccessDeniedUser, type MotoUserKeys } from '../support/aws-fixtures';
import { GUIDE_TITLES } from '../support/checkup-results';
import { emitCompanion, startCompanion, TEST_SITE_ORIGIN, type RunningCompanion } from '../support/companion';
import { awsError, htmlPage, startFakeAws, type FakeScript, type RunningFake } from '../support/fake-aws';
import { awsEnvFor, SETUP_KEYS, startMoto, type RunningMoto } from '../support/moto';
import { startSilentSite } from '../support/silent-site';

/**
 * The emitted companion, run for real against moto, the Query fake, a refused port and a
 * port that never answers, asked through the page's own transport: every check that could
 * not read says so with the cause that happened (never "no connection" when AWS answered),
 * and the checkup's headline and rows carry that cause's label.
 */
const catalog = checkupCatalog(CHECKS, GUIDE_TITLES);
/** A whole checkup through the companion; one that never hears from AWS waits out each check's 10-second deadline. */
const CHECKUP_MS = 120_000;
/** The checks that ask AWS; the CLI profile and Identity Center checks cannot run without a file or an API. */
const ASKS_AWS = CHECKS.filter((check) => check.calls.length > 0).map((check) => check.id);

/** Every action the fake is asked gets the same reply. */
const everyAction = (reply: FakeScript[string]): FakeScript => new Proxy({}, { get: () => reply });

const keysEnv = (keys: MotoUserKeys) => ({ AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey });
// No CLI config on the reader's computer: that check is "cannot run on this path" in every case.
const noConfig = { AWS_CONFIG_FILE: '/nonexistent/stepcheck-config' };

/** Runs the whole checkup (account-wide too) through the page's companion transport, as a page of the site would. */
async function checkupThrough(companion: RunningCompanion) {
	const fetcher: typeof fetch = (input, init) =>
		fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), Origin: TEST_SITE_ORIGIN } });
	const transport = companionTransport(
		{ port: companion.port, defaultPort: companion.port, origin: TEST_SITE_ORIGIN },
		{ fetcher, permission: async () => 'granted' },
	);
	const entries = await runCheckup({ catalog, transport, settings: { includeAccountWide: true } });
	const rows = checkupRows(entries);
	return { entries, rows, summary: summaryLine(rows) };
}

describe('the companion says why a check could not read, for every check', () => {
	let emitted: Awaited<ReturnType<typeof emitCompanion>>;
	let denied: { moto: RunningMoto; keys: MotoUserKeys };
	let open: RunningMoto;
	let openKeys: MotoUserKeys;
	let silent: Awaited<ReturnType<typeof startSilentSite>>;
	const fakes: RunningFake[] = [];
	const running: RunningCompanion[] = [];

	beforeAll(async () => {
		emitted = await emitCompanion();
		denied = await startMotoWithAccessDeniedUser();
		open = await startMoto();
		const iam = new IAMClient({
			region: 'us-east-1',
			endpoint: open.url,
			credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
		});
		openKeys = await createMotoUser(iam, 'quinn', { password: true });
		silent = await startSilentSite();
		// Bundling the companion and starting two motos: well past the default on a loaded machine.
	}, 180_000);
	afterAll(async () => {
		await Promise.all(running.map((companion) => companion.stop()));
		await Promise.all(fakes.map((fake) => fake.stop()));
		await silent?.stop();
		await denied?.moto.stop();
		await open?.stop();
		await emitted?.remove();
	});

	const start = async (env: Record<string, string>) => {
		const companion = await startCompanion(emitted.file, emitted.folder, { ...env, ...noConfig });
		running.push(companion);
		return companion;
	};
	const fake = async (script: FakeScript) => {
		const started = await startFakeAws(script);
		fakes.push(started);
		return started.url;
	};

	const CASES: Array<[string, () => Promise<Record<string, string>>, CouldNotCheckCause]> = [
		['moto with IAM authorisation on', async () => awsEnvFor(denied.moto.url, keysEnv(denied.keys)), 'access-denied'],
		[
			'a wrong secret key',
			async () => awsEnvFor(denied.moto.url, { ...keysEnv(denied.keys), AWS_SECRET_ACCESS_KEY: 'wrong-secret-key-0000000000000000000000' }),
			'credentials-rejected',
		],
		[
			'no credentials at all',
			async () => {
				const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, AWS_SESSION_TOKEN: _token, ...rest } = awsEnvFor(open.url);
				return rest;
			},
			'no-credentials',
		],
		['an endpoint that refuses connections', async () => awsEnvFor('http://127.0.0.1:1'), 'unreachable'],
		['an endpoint that never answers', async () => awsEnvFor(silent.url), 'unreachable'],
		['AWS throttling every call', async () => awsEnvFor(await fake(everyAction(awsError('Throttling', 400)))), 'rate-limited'],
		// AWS (or a proxy in its place) answered, with something no SDK can read: not "no connection".
		['an answer that cannot be read', async () => awsEnvFor(await fake(everyAction(htmlPage))), 'unexpected'],
	];

	it.each(CASES.map(([name, env, cause]) => ({ name, env, cause })))(
		'$name: every check that asks AWS could not check ($cause)',
		async ({ env, cause }) => {
			const companion = await start(await env());
			const { entries, rows, summary } = await checkupThrough(companion);
			const label = CAUSE_LABELS[cause];
			for (const id of ASKS_AWS) {
				const entry = entries.find((candidate) => candidate.check.id === id)!;
				expect(entry.answer.kind, id).toBe('result');
				if (entry.answer.kind !== 'result') continue;
				const { verdict, couldNotCheck } = entry.answer.body;
				// erin may list her MFA devices: the checks that need only that one call still decide.
				if (cause === 'access-denied' && verdict !== 'unknown') {
					expect(
						entry.answer.body.errors.map((error) => error.code),
						id,
					).not.toContain('access-denied');
					continue;
				}
				expect([id, verdict]).toEqual([id, 'unknown']);
				expect([id, couldNotCheck?.cause]).toEqual([id, cause]);
				expect(rows.find((row) => row.check === id)!.finding, id).toContain(`Could not check (${label}).`);
			}
			expect(summary).toMatch(new RegExp(`^Could not check \\d+ of \\d+ \\([^)]*\\d+ ${label.replace(/[()]/g, '\\$&')}`));
			expect(summary).not.toMatch(/nothing to fix/i);
			expect(rows.map((row) => row.verdict)).not.toContain('pass');
		},
		CHECKUP_MS,
	);

	it(
		'an answer the MFA policy check cannot read (moto has no policy simulator) is not "no connection", and the others still decide',
		async () => {
			const companion = await start(awsEnvFor(open.url, keysEnv(openKeys)));
			const { entries, rows } = await checkupThrough(companion);
			const mfaPolicy = entries.find((entry) => entry.check.id === 'mfa-policy')!.answer;
			expect(mfaPolicy.kind).toBe('result');
			if (mfaPolicy.kind !== 'result') return;
			expect(mfaPolicy.body.errors.map((error) => [error.action, error.code])).toEqual([
				['iam:SimulatePrincipalPolicy', 'unparseable-response'],
			]);
			expect(mfaPolicy.body.couldNotCheck?.cause).toBe('unexpected');
			const row = rows.find((candidate) => candidate.check === 'mfa-policy')!;
			expect(row.finding).toContain(`Could not check (${CAUSE_LABELS.unexpected}).`);
			expect(row.finding).not.toContain(CAUSE_LABELS.unreachable);
			// Every other check that asks AWS reached a verdict through the same companion.
			const decided = entries.filter((entry) => ASKS_AWS.includes(entry.check.id) && entry.check.id !== 'mfa-policy');
			expect(decided.map((entry) => [entry.check.id, entry.answer.kind === 'result' && entry.answer.body.couldNotCheck?.cause])).toEqual(
				decided.map((entry) => [entry.check.id, undefined]),
			);
		},
		CHECKUP_MS,
	);

	it(
		'the companion’s own rate limit: a checkup asked too often says "rate-limited" and when to try again',
		async () => {
			const companion = await start(
				awsEnvFor(denied.moto.url, { ...keysEnv(denied.keys), AWS_SECRET_ACCESS_KEY: 'wrong-0000000000000000000000000000000000' }),
			);
			let last = await checkupThrough(companion);
			// Two whole checkups a minute are allowed; a third is refused, in whole or in part.
			for (let runs = 0; runs < 3 && !last.rows.some((row) => row.couldNotCheck?.cause === 'rate-limited'); runs++)
				last = await checkupThrough(companion);
			const limited = last.rows.filter((row) => row.couldNotCheck?.cause === 'rate-limited');
			expect(limited.length).toBeGreaterThan(0);
			for (const row of limited) {
				expect(row.verdict).toBe('try-again');
				expect(row.retryAfterSeconds).toBeGreaterThan(0);
				expect(row.finding).toMatch(/^Could not check \(rate-limited\)/);
			}
			expect(last.summary).toMatch(/^Could not check \d+ of \d+ \(.*rate-limited.*\): try again in \d+ s/);
		},
		CHECKUP_MS,
	);
});
