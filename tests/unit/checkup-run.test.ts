import { describe, expect, it } from 'vitest';
import {
	answerFromHttp,
	firstReachable,
	httpTransport,
	retryAfterSeconds,
	type CheckAnswer,
	type CheckTransport,
} from '../../src/lib/live/check-transport';
import { checkupCatalog, type CheckupCheck } from '../../src/lib/checkup/checkup-catalog';
import { checkedIdentity, skipReason } from '../../src/lib/checkup/checkup-plan';
import { retryRefused, runCheckup } from '../../src/lib/checkup/run-checkup';
import { CHECKS } from '../../src/lib/checks/registry';
import { checkResult, GUIDE_TITLES, identity } from '../support/checkup-results';

const catalog = checkupCatalog(CHECKS, GUIDE_TITLES);
const byId = (id: string) => catalog.find((check) => check.id === id)!;

/** A transport that answers from a table, and records what it was asked. */
function tableTransport(answers: Record<string, CheckAnswer>): CheckTransport<CheckupCheck> & { asked: string[] } {
	const asked: string[] = [];
	const transport = async (check: CheckupCheck) => {
		asked.push(check.id);
		const answer = answers[check.id];
		if (!answer) throw new Error(`the test gave no answer for ${check.id}`);
		return answer;
	};
	return Object.assign(transport, { asked });
}

const ok = (id: string, verdict: Parameters<typeof checkResult>[1], extra = {}): CheckAnswer => ({
	kind: 'result',
	status: 200,
	body: checkResult(id, verdict, extra),
});

describe('the checkup catalog', () => {
	it('lists every registered check in registry order, and only the POST checks (the credential report) are account-wide', () => {
		expect(catalog.map((check) => check.id)).toEqual(CHECKS.map((check) => check.id));
		expect(catalog.filter((check) => check.accountWide).map((check) => check.id)).toEqual([
			'users-without-mfa',
			'unused-credentials',
			'access-keys',
		]);
		expect(byId('mfa')).toEqual({
			id: 'mfa',
			title: 'Live MFA check',
			guide: 'turn-on-mfa-aws',
			guideTitle: GUIDE_TITLES.get('turn-on-mfa-aws'),
			steps: [3, 8, 9],
			method: 'GET',
			accountWide: false,
		});
	});

	it('leaves out a check whose guide is not published, since it could not link the fix', () => {
		expect(checkupCatalog(CHECKS, new Map())).toEqual([]);
		const withoutCli = new Map([...GUIDE_TITLES].filter(([guide]) => guide !== 'mfa-aws-cli'));
		expect(checkupCatalog(CHECKS, withoutCli).map((check) => check.id)).toEqual(
			CHECKS.map((check) => check.id).filter((id) => id !== 'cli-mfa'),
		);
	});
});

describe('which checks apply', () => {
	const all = { includeAccountWide: true };
	it('runs the account-wide check only when ticked', () => {
		expect(skipReason(byId('users-without-mfa'), identity('iam-user'), { includeAccountWide: false })).toMatch(/Tick the box/);
		expect(skipReason(byId('users-without-mfa'), identity('iam-user'), all)).toBeNull();
	});

	it.each([
		['iam-user', ['identity-center']],
		['root', ['mfa-policy', 'identity-center']],
		['assumed-role', ['backup-device', 'mfa-policy', 'identity-center']],
		['identity-center', ['backup-device', 'mfa-policy']],
		['federated-user', ['backup-device', 'mfa-policy', 'identity-center']],
		['unknown', []],
	] as const)('for %s skips %j', (type, skipped) => {
		const reasons = catalog.map((check) => [check.id, skipReason(check, identity(type), all)] as const);
		expect(reasons.filter(([, reason]) => reason !== null).map(([id]) => id)).toEqual(skipped);
	});

	it('runs every check when no identity is known', () => {
		expect(catalog.filter((check) => skipReason(check, null, all) !== null)).toEqual([]);
	});

	it('takes the identity from the identity check', () => {
		const alice = identity('iam-user', 'alice');
		expect(checkedIdentity([checkResult('cli-mfa', 'pass'), checkResult('mfa', 'pass', { identity: alice })])).toEqual(alice);
		expect(checkedIdentity([checkResult('mfa', 'unknown', { identity: identity('unknown') })])).toBeNull();
	});
});

describe('runCheckup', () => {
	const iamUserAnswers = {
		mfa: ok('mfa', 'pass', { identity: identity('iam-user', 'carol') }),
		'root-user': ok('root-user', 'fail'),
		'backup-device': ok('backup-device', 'pass'),
		'mfa-policy': ok('mfa-policy', 'fail'),
		'cli-mfa': ok('cli-mfa', 'unknown', { fileFound: false, configFile: '~/.aws/config' }),
		'users-without-mfa': ok('users-without-mfa', 'fail'),
		'password-policy': ok('password-policy', 'pass'),
	};

	it('asks the identity check first, then every check that applies, and leaves out the unticked account-wide one', async () => {
		const transport = tableTransport(iamUserAnswers);
		const heard: string[] = [];
		const entries = await runCheckup({
			catalog,
			transport,
			settings: { includeAccountWide: false },
			onAnswer: (entry) => heard.push(entry.check.id),
		});
		expect(transport.asked[0]).toBe('mfa');
		expect([...transport.asked].sort()).toEqual(['backup-device', 'cli-mfa', 'mfa', 'mfa-policy', 'password-policy', 'root-user']);
		expect(entries.map((entry) => entry.check.id)).toEqual(catalog.map((check) => check.id));
		expect(entries.find((entry) => entry.check.id === 'users-without-mfa')!.answer.kind).toBe('skipped');
		expect(entries.find((entry) => entry.check.id === 'identity-center')!.answer).toMatchObject({ kind: 'skipped' });
		expect([...heard].sort()).toEqual([...catalog.map((check) => check.id)].sort());
	});

	it('asks the account-wide check when ticked', async () => {
		const transport = tableTransport(iamUserAnswers);
		await runCheckup({ catalog, transport, settings: { includeAccountWide: true } });
		expect(transport.asked).toContain('users-without-mfa');
	});

	it('asks every check when the identity check was refused, and a throwing transport becomes a row, not a crash', async () => {
		const transport = tableTransport({
			...iamUserAnswers,
			mfa: { kind: 'rate-limited', retryAfterSeconds: 12, message: 'Try again in 12 s.' },
			'identity-center': ok('identity-center', 'unknown'),
		});
		const entries = await runCheckup({ catalog, transport, settings: { includeAccountWide: false } });
		expect([...transport.asked].sort()).toEqual([
			'backup-device',
			'cli-mfa',
			'identity-center',
			'mfa',
			'mfa-policy',
			'password-policy',
			'root-user',
		]);
		const broken = await runCheckup({
			catalog,
			transport: async () => {
				throw new Error('socket hang up');
			},
			settings: { includeAccountWide: false },
		});
		expect(broken[0]!.answer).toEqual({ kind: 'unreachable', cause: 'unreachable', message: 'socket hang up' });
		expect(entries[0]!.answer.kind).toBe('rate-limited');
	});

	it('retries only the checks a rate limit refused', async () => {
		const first = await runCheckup({
			catalog,
			transport: tableTransport({
				...iamUserAnswers,
				'root-user': { kind: 'rate-limited', retryAfterSeconds: 5, message: 'x' },
			}),
			settings: { includeAccountWide: false },
		});
		const again = tableTransport(iamUserAnswers);
		const second = await retryRefused(first, again);
		expect(again.asked).toEqual(['root-user']);
		expect(second.find((entry) => entry.check.id === 'root-user')!.answer.kind).toBe('result');
		expect(second.find((entry) => entry.check.id === 'mfa')).toBe(first.find((entry) => entry.check.id === 'mfa'));
	});
});

describe('answers over HTTP', () => {
	const now = new Date('2026-12-01T22:00:00Z');
	it('a result body is a result whatever its status, since a stopped check still answers with one', () => {
		const body = checkResult('root-user', 'unknown');
		expect(answerFromHttp('root-user', { status: 502, retryAfter: null, body }, now)).toEqual({ kind: 'result', status: 502, body });
	});

	it('a body for another check, or of another shape, is not shown as a verdict', () => {
		expect(answerFromHttp('mfa', { status: 200, retryAfter: null, body: checkResult('root-user', 'pass') }, now).kind).toBe('refused');
		expect(answerFromHttp('mfa', { status: 200, retryAfter: null, body: { verdict: 'pass' } }, now)).toEqual({
			kind: 'refused',
			status: 200,
			cause: 'unexpected',
			message: 'The check answered HTTP 200 without a result.',
		});
	});

	it('429 is "try again in N s" from Retry-After', () => {
		const refusal = { error: { code: 'rate-limited', message: 'Too many checks from this browser. Try again in 7 s.' } };
		expect(answerFromHttp('mfa', { status: 429, retryAfter: '7', body: refusal }, now)).toEqual({
			kind: 'rate-limited',
			retryAfterSeconds: 7,
			message: 'Too many checks at once. Try again in 7 s.',
		});
	});

	it.each([
		['30', 30],
		['0', 1],
		['Tue, 01 Dec 2026 22:00:45 GMT', 45],
		[null, 60],
		['soon', 60],
	])('Retry-After %s is %i s', (header, seconds) => {
		expect(retryAfterSeconds(header, now)).toBe(seconds);
	});

	it('a refusal keeps its message and says this path cannot run the check; a 404 without one means there is no endpoint here', () => {
		const forbidden = { error: { code: 'forbidden-host', message: 'Open Stepcheck at http://127.0.0.1:4321.' } };
		expect(answerFromHttp('mfa', { status: 403, retryAfter: null, body: forbidden }, now)).toEqual({
			kind: 'refused',
			status: 403,
			cause: 'unsupported-path',
			message: 'Open Stepcheck at http://127.0.0.1:4321.',
		});
		const broken = { error: { code: 'internal', message: 'The check failed.' } };
		expect(answerFromHttp('mfa', { status: 500, retryAfter: null, body: broken }, now)).toMatchObject({ cause: 'unexpected' });
		expect(answerFromHttp('mfa', { status: 404, retryAfter: null, body: null }, now)).toMatchObject({ kind: 'unreachable' });
	});

	it('httpTransport GETs or POSTs <base>/<id> and reads the answer', async () => {
		const requests: Array<{ url: string; method: string; body: unknown }> = [];
		const fetcher = (async (url: string, init: RequestInit) => {
			requests.push({ url, method: init.method!, body: init.body });
			if (url.endsWith('/users-without-mfa'))
				return new Response('{"error":{"code":"rate-limited","message":"x"}}', {
					status: 429,
					headers: { 'content-type': 'application/json', 'retry-after': '9' },
				});
			return new Response(JSON.stringify(checkResult('mfa', 'pass')), { status: 200, headers: { 'content-type': 'application/json' } });
		}) as typeof fetch;
		const transport = httpTransport('/api/checks', fetcher, () => now);
		expect(await transport(byId('mfa'))).toMatchObject({ kind: 'result', status: 200 });
		expect(await transport(byId('users-without-mfa'))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 9 });
		expect(requests).toEqual([
			{ url: '/api/checks/mfa', method: 'GET', body: null },
			{ url: '/api/checks/users-without-mfa', method: 'POST', body: '{}' },
		]);
		const down = httpTransport('/api/checks/', (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch);
		expect(await down(byId('mfa'))).toMatchObject({ kind: 'unreachable' });
	});
});

describe('firstReachable', () => {
	it('keeps the first path that answers for every later check, and says unreachable when none does', async () => {
		const down: CheckTransport<CheckupCheck> = async () => ({ kind: 'unreachable', cause: 'unreachable', message: 'no server' });
		const companion = tableTransport({ mfa: ok('mfa', 'pass'), 'root-user': ok('root-user', 'fail') });
		const transport = firstReachable([down, companion]);
		expect(await transport(byId('mfa'))).toMatchObject({ kind: 'result' });
		expect(await transport(byId('root-user'))).toMatchObject({ kind: 'result', body: { verdict: 'fail' } });
		expect(companion.asked).toEqual(['mfa', 'root-user']);
		expect(await firstReachable([down, down])(byId('mfa'))).toEqual({ kind: 'unreachable', cause: 'unreachable', message: 'no server' });
	});
});
