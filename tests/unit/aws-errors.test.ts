import { describe, expect, it } from 'vitest';
import { classifyAwsError, errorFacts, toCheckError, UnreadableResponseError } from '../../src/lib/aws/aws-errors';

const sdkError = (name: string, status = 400, extra: object = {}) =>
	Object.assign(new Error(`raw ${name} message with AKIAIOSFODNN7EXAMPLE`), { name, $metadata: { httpStatusCode: status }, ...extra });

describe('classifyAwsError', () => {
	it.each<[string, unknown, string]>([
		[
			'no credentials',
			Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
			'no-credentials',
		],
		[
			'expired SSO session',
			Object.assign(
				new Error(
					'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login',
				),
				{ name: 'CredentialsProviderError' },
			),
			'sso-session-expired',
		],
		[
			'expired SSO token',
			Object.assign(new Error('The SSO session token is expired. Run aws sso login'), { name: 'TokenProviderError' }),
			'sso-session-expired',
		],
		['expired token', sdkError('ExpiredToken', 403), 'credentials-expired'],
		['expired token (JSON name)', sdkError('ExpiredTokenException', 400), 'credentials-expired'],
		['invalid key', sdkError('InvalidClientTokenId', 403), 'credentials-invalid'],
		['bad signature', sdkError('SignatureDoesNotMatch', 403), 'credentials-invalid'],
		['access denied', sdkError('AccessDenied', 403), 'access-denied'],
		['access denied exception', sdkError('AccessDeniedException', 403), 'access-denied'],
		['throttling', sdkError('Throttling', 400), 'throttled'],
		['HTTP 429', sdkError('SomethingNew', 429), 'throttled'],
		['service unavailable', sdkError('ServiceUnavailable', 503), 'aws-unavailable'],
		['unknown 500', sdkError('UnknownError', 500), 'aws-unavailable'],
		['request time-out', Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }), 'timed-out'],
		['connect time-out', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'timed-out'],
		['overall deadline', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'deadline-exceeded'],
		[
			'connection reset (the SDK names it a time-out)',
			Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }),
			'connection-reset',
		],
		['broken pipe', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), 'connection-reset'],
		['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'connection-failed'],
		['DNS failure', Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 'connection-failed'],
		['malformed body', sdkError('Error', 200, { $responseBodyText: '<<<' }), 'unparseable-response'],
		['XML syntax error', Object.assign(new Error('Unexpected end'), { name: 'SyntaxError' }), 'unparseable-response'],
		['answer missing a field', new UnreadableResponseError('no Arn'), 'unparseable-response'],
		['report in progress', sdkError('ReportInProgress', 404), 'report-not-ready'],
		['something else', sdkError('WeirdFailure', 400), 'unexpected'],
		['a thrown string', 'boom', 'unexpected'],
	])('%s', (_name, error, code) => {
		expect(classifyAwsError(errorFacts(error))).toBe(code);
	});
});

describe('toCheckError', () => {
	it('names the denied action and never repeats the raw SDK message', () => {
		const error = toCheckError('iam:GetLoginProfile', sdkError('AccessDenied', 403));
		expect(error).toMatchObject({ action: 'iam:GetLoginProfile', code: 'access-denied' });
		expect(error.message).toContain('iam:GetLoginProfile');
		expect(error.message).toContain('minimal read-only policy shown with this result');
		expect(error.message).not.toContain('AKIA');
		expect(error.message).not.toContain('raw');
	});

	it('tells an expired SSO session how to log in again', () => {
		const error = toCheckError(
			'sts:GetCallerIdentity',
			Object.assign(new Error('SSO session has expired, run aws sso login'), { name: 'CredentialsProviderError' }),
		);
		expect(error.message).toContain('aws sso login');
	});
});
