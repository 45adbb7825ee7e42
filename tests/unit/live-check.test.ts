import { describe, expect, it } from 'vitest';
import {
	describeResult,
	outcomeOfAnswer,
	outcomeOfResult,
	safeHref,
	toDom,
	UNAVAILABLE,
	type ViewNode,
} from '../../src/components/live-check/live-check';
import type { CheckResultBase } from '../../src/lib/checks/result-schema';
import { answerFromHttp, checkRequest, companionTransport, httpTransport, VERSION_MISMATCH } from '../../src/lib/live/check-transport';

/** The LiveCheck island's logic, without a browser: what it asks, what it decides and what it would render. */
const time = (iso: string) => `at ${iso}`;

const result = (overrides: Partial<CheckResultBase> = {}): CheckResultBase => ({
	schemaVersion: 1,
	check: 'mfa',
	identity: { type: 'iam-user', arn: 'arn:aws:iam::123456789012:user/alice', account: '123456789012', partition: 'aws', userName: 'alice' },
	verdict: 'pass',
	summary: 'alice has 1 MFA device.',
	facts: [
		{ label: 'Console password', value: 'Yes' },
		{ label: 'Config file', value: '~/.aws/config', code: true },
	],
	lists: [
		{ label: 'MFA devices', items: ['Authenticator app (virtual MFA), arn:aws:iam::123456789012:mfa/alice-phone'] },
		{ label: 'Users without MFA', items: [] },
	],
	advice: [
		{
			id: 'test-device',
			message: 'Sign out and back in once.',
			guideStep: '/guides/turn-on-mfa-aws/#step-9',
			guideStepLabel: 'Step 9: Test the device',
			docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
		},
	],
	errors: [],
	minimalPolicy: null,
	checkedAt: '2026-12-01T10:00:00.000Z',
	...overrides,
});

/** Every text in document order, and every node with its path, so tests read like the page. */
const text = (view: ViewNode | string): string => (typeof view === 'string' ? view : view.children.map(text).join(''));
const all = (view: ViewNode): ViewNode[] => [view, ...view.children.flatMap((child) => (typeof child === 'string' ? [] : all(child)))];
const byTag = (view: ViewNode, tag: string) => all(view).filter((node) => node.tag === tag);

describe('describeResult', () => {
	const view = describeResult(result(), time);

	it('states the verdict and summary first, and marks the verdict for styling', () => {
		expect(view.className).toBe('live-result live-pass');
		expect(text(view.children[0]!)).toBe('Pass alice has 1 MFA device.');
	});

	it('lists who was checked, every fact (code when asked) and when', () => {
		const rows = byTag(view, 'dt').map((term) => text(term));
		expect(rows).toEqual(['Identity checked', 'ARN', 'Console password', 'Config file', 'Checked']);
		expect(byTag(view, 'dd').map(text)).toEqual([
			'IAM user alice',
			'arn:aws:iam::123456789012:user/alice',
			'Yes',
			'~/.aws/config',
			'at 2026-12-01T10:00:00.000Z',
		]);
		expect(byTag(view, 'code').map(text)).toEqual(['arn:aws:iam::123456789012:user/alice', '~/.aws/config']);
		expect(byTag(view, 'time')[0]?.attributes).toEqual({ datetime: '2026-12-01T10:00:00.000Z' });
	});

	it('gives each list its count, and says None. for an empty one', () => {
		expect(byTag(view, 'h3').map(text)).toEqual(['MFA devices (1)', 'Users without MFA (0)', 'What to do']);
		expect(byTag(view, 'p').map(text)).toContain('None.');
	});

	it('links the advice to its step and the docs', () => {
		expect(byTag(view, 'a').map((a) => [text(a), a.attributes?.href])).toEqual([
			['Step 9: Test the device', '/guides/turn-on-mfa-aws/#step-9'],
			['AWS documentation', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html'],
		]);
	});

	it('shows a link that is neither a site path nor https as plain text', () => {
		const hostile = describeResult(
			result({
				advice: [{ id: 'x', message: 'Hi.', guideStep: '//evil.example/', guideStepLabel: 'Step 1', docsUrl: 'javascript:alert(1)' }],
			}),
			time,
		);
		expect(byTag(hostile, 'a')).toEqual([]);
		expect(text(hostile)).toContain('Hi. Step 1 AWS documentation');
	});

	it('shows no identity for checks that ask AWS nothing, and no advice block without advice', () => {
		const local = describeResult(result({ identity: null, advice: [], lists: undefined }), time);
		expect(byTag(local, 'dt').map(text)).not.toContain('Identity checked');
		expect(byTag(local, 'h3')).toEqual([]);
	});

	it('lists what went wrong and the policy to grant, focusable for keyboard scrolling', () => {
		const policy = {
			Version: '2012-10-17' as const,
			Statement: [{ Sid: 'S', Effect: 'Allow' as const, Action: ['iam:ListMFADevices'], Resource: '*' }],
		};
		const denied = describeResult(
			result({
				verdict: 'unknown',
				errors: [{ action: 'iam:ListMFADevices', code: 'access-denied', message: 'Not allowed.' }],
				minimalPolicy: policy,
			}),
			time,
		);
		expect(byTag(denied, 'h3').map(text)).toContain('What went wrong');
		expect(byTag(denied, 'li').map(text)).toContain('iam:ListMFADevices: Not allowed.');
		const pre = byTag(denied, 'pre')[0]!;
		expect(pre.attributes).toEqual({ tabindex: '0' });
		expect(JSON.parse(text(pre))).toEqual(policy);
	});
});

describe('outcomeOfResult and outcomeOfAnswer', () => {
	const fromHttp = (status: number, body: unknown) => outcomeOfAnswer(answerFromHttp('mfa', { status, retryAfter: '6', body }, new Date()));

	it('shows a result, announces its verdict and offers to check again', () => {
		const outcome = outcomeOfResult(result({ verdict: 'fail', summary: 'No MFA.' }), time);
		expect(outcome).toMatchObject({ state: 'fail', message: 'Fail: No MFA.', openManual: false, answered: true });
		expect(outcome.view?.className).toBe('live-result live-fail');
	});

	it('calls an unknown verdict with errors an error', () => {
		const errors = [{ action: 'sts:GetCallerIdentity', code: 'no-credentials' as const, message: 'Sign in.' }];
		expect(outcomeOfResult(result({ verdict: 'unknown', errors }), time).state).toBe('error');
		expect(outcomeOfResult(result({ verdict: 'unknown' }), time).state).toBe('unknown');
	});

	it('asks for a reload when the server speaks another schema version', () => {
		expect(fromHttp(200, result({ schemaVersion: 2 as 1 }))).toEqual({
			state: 'error',
			message: VERSION_MISMATCH,
			view: null,
			openManual: false,
			answered: false,
		});
	});

	it('passes on a refusal that explains itself, and says a rate limit could not check and when to try again', () => {
		expect(fromHttp(400, { error: { code: 'bad-request', message: 'Bad name.' } })).toMatchObject({ state: 'error', message: 'Bad name.' });
		const limited = { error: { code: 'rate-limited', message: 'Too many checks from this browser. Try again in 6 s.' } };
		expect(fromHttp(429, limited)).toMatchObject({
			state: 'error',
			message: 'Could not check (rate-limited). Too many checks at once. Try again in 6 s.',
			openManual: false,
		});
	});

	it.each([
		['a 404 page (no endpoint on a static host)', 404],
		['an HTML page', 200],
	])('opens the manual commands on %s', (_name, status) => {
		expect(fromHttp(status, null)).toMatchObject({ state: 'error', message: UNAVAILABLE, openManual: true, view: null });
	});
});

describe('checkRequest and the shared HTTP transport', () => {
	it('sends GET with no body, and POST with an empty JSON body', () => {
		expect(checkRequest('/api/checks/mfa', 'GET', undefined)).toEqual({
			url: '/api/checks/mfa',
			init: { method: 'GET', headers: { Accept: 'application/json' }, body: null, cache: 'no-store' },
		});
		expect(checkRequest('/security/api/checks/users-without-mfa', 'POST', undefined).init).toMatchObject({ method: 'POST', body: '{}' });
	});

	it('encodes the user name', () => {
		expect(checkRequest('/api/checks/mfa-policy', 'GET', 'a b&c').url).toBe('/api/checks/mfa-policy?user=a%20b%26c');
	});

	it('reads a JSON answer and ignores a body that is not JSON', async () => {
		const json = async () => new Response(JSON.stringify(result()), { status: 200, headers: { 'content-type': 'application/json' } });
		const html = async () => new Response('<p>{"schemaVersion":1}</p>', { status: 404, headers: { 'content-type': 'text/html' } });
		const ask = (fetcher: typeof fetch) => httpTransport('/api/checks', fetcher)({ id: 'mfa', method: 'GET' });
		expect(outcomeOfAnswer(await ask(json)).state).toBe('pass');
		expect(outcomeOfAnswer(await ask(html)).message).toBe(UNAVAILABLE);
	});

	it('opens the manual commands when the request fails, and never tells a reader to install or clone anything', async () => {
		const offline = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect(outcomeOfAnswer(await httpTransport('/api/checks', offline)({ id: 'mfa', method: 'GET' }))).toMatchObject({
			openManual: true,
			message: UNAVAILABLE,
		});
		expect(UNAVAILABLE).not.toMatch(/npm|clone|README|restart Stepcheck/i);
	});

	it('shows a result that learned nothing as could not check, with its cause, never as a verdict', () => {
		const denied = result({
			verdict: 'unknown',
			summary: 'Could not read the MFA devices of alice.',
			errors: [{ action: 'iam:ListMFADevices', code: 'access-denied', message: 'Not allowed.' }],
			couldNotCheck: {
				cause: 'access-denied',
				message: 'Ask an administrator to attach the minimal read-only policy shown with this result.',
			},
		});
		const outcome = outcomeOfResult(denied, time);
		expect(outcome.state).toBe('error');
		expect(outcome.message).toBe(
			'Could not read the MFA devices of alice. Could not check (access denied). Ask an administrator to attach the minimal read-only policy shown with this result.',
		);
		expect(JSON.stringify(outcome.view)).toContain('Why: access denied.');
	});
});

describe('the companion transport tells apart why it does not answer', () => {
	const place = { port: 4319, defaultPort: 4319, origin: 'https://stepcheck.example' };
	const json = (body: unknown, status = 200) =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	const refusedByCors = () => {
		throw new TypeError('Failed to fetch');
	};
	const ask = (fetcher: (url: string, init?: RequestInit) => Response, permission: 'granted' | 'denied' | 'prompt' = 'granted') =>
		companionTransport(place, { fetcher: async (url, init) => fetcher(String(url), init), permission: async () => permission })({
			id: 'mfa',
			method: 'GET',
		});
	const status = { service: 'stepcheck-companion', schemaVersion: 1, version: '1.0.0', checks: ['mfa'] };

	it('nothing listening', async () => {
		expect(await ask(refusedByCors, 'prompt')).toMatchObject({
			kind: 'unreachable',
			companion: { kind: 'not-running', permission: 'prompt' },
			message: expect.stringContaining('Nothing is listening on port 4319'),
		});
	});

	it('something else is listening: the status route does not answer as a companion', async () => {
		// A plain server sends no CORS headers: the cors request fails, the no-cors one goes through.
		const plain = (_url: string, init?: RequestInit) => {
			if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
			throw new TypeError('Failed to fetch');
		};
		expect(await ask(plain)).toMatchObject({
			companion: { kind: 'not-a-companion' },
			message: expect.stringContaining('Something else is listening on port 4319'),
		});
		// One that sends CORS headers but is not the companion says the same.
		expect(await ask(() => json({ hello: 'world' }))).toMatchObject({ companion: { kind: 'not-a-companion' } });
	});

	it('the companion refused this origin, and says how to allow it', async () => {
		const answer = await ask(() => json({ error: { code: 'forbidden-origin', message: 'Refused.' } }, 403));
		expect(answer).toMatchObject({ companion: { kind: 'origin-refused' } });
		expect(answer).toMatchObject({ message: expect.stringContaining('--allow-origin https://stepcheck.example') });
	});

	it('a companion of another result format, and a browser that blocks local network access', async () => {
		expect(await ask(() => json({ ...status, schemaVersion: 2 }))).toMatchObject({
			companion: { kind: 'version-mismatch', companion: 2, page: 1 },
		});
		expect(await ask(refusedByCors, 'denied')).toMatchObject({ companion: { kind: 'blocked', secureContext: true } });
	});

	it('a plain http:// page the browser blocks is sent to CloudShell, not told to allow what it cannot', async () => {
		const answer = await companionTransport(place, {
			fetcher: async () => refusedByCors(),
			permission: async () => 'denied',
			secureContext: false,
		})({ id: 'mfa', method: 'GET' });
		expect(answer).toMatchObject({ kind: 'unreachable', cause: 'unreachable', companion: { kind: 'blocked', secureContext: false } });
		if (answer.kind !== 'unreachable') return;
		expect(answer.message).toMatch(/not served over HTTPS.*Check from AWS CloudShell instead/);
		expect(answer.message).not.toMatch(/Allow this site/);
	});

	it('asks the check once the status route answered as this site’s companion', async () => {
		const answer = await ask((url) => (url.endsWith('/api/companion') ? json(status) : json(result())));
		expect(answer).toMatchObject({ kind: 'result', body: { verdict: 'pass' } });
	});
});

describe('toDom', () => {
	/** Just enough of a Document to see what toDom builds; server text must arrive as text nodes. */
	function recordingDocument() {
		type Element = { tag: string; className: string; attributes: Record<string, string>; children: unknown[] };
		const doc = {
			createElement: (tag: string): Element & { setAttribute: (n: string, v: string) => void; append: (c: unknown) => void } => {
				const element = {
					tag,
					className: '',
					attributes: {} as Record<string, string>,
					children: [] as unknown[],
					setAttribute: (name: string, value: string) => void (element.attributes[name] = value),
					append: (child: unknown) => void element.children.push(child),
				};
				return element;
			},
			createTextNode: (data: string) => ({ text: data }),
		};
		return doc as unknown as Document;
	}

	it('builds elements and keeps markup in server text as text', () => {
		const built = toDom(
			{
				tag: 'p',
				className: 'x',
				attributes: { tabindex: '0' },
				children: ['<img src=x onerror=alert(1)>', { tag: 'code', children: ['a'] }],
			},
			recordingDocument(),
		) as unknown as { tag: string; className: string; attributes: object; children: unknown[] };
		expect(built.tag).toBe('p');
		expect(built.className).toBe('x');
		expect(built.attributes).toEqual({ tabindex: '0' });
		expect(built.children[0]).toEqual({ text: '<img src=x onerror=alert(1)>' });
		expect(built.children[1]).toMatchObject({ tag: 'code', children: [{ text: 'a' }] });
	});
});

describe('safeHref', () => {
	it.each([
		['/guides/x/#step-1', '/guides/x/#step-1'],
		['https://docs.aws.amazon.com/', 'https://docs.aws.amazon.com/'],
		['//evil.example/', null],
		['http://docs.aws.amazon.com/', null],
		['javascript:alert(1)', null],
		['guides/x', null],
	])('%s → %s', (href, expected) => {
		expect(safeHref(href)).toBe(expected);
	});
});
