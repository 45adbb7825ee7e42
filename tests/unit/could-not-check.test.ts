import { describe, expect, it } from 'vitest';
import { toCheckError } from '../../src/lib/aws/aws-errors';
import { couldNotCheckFromErrors, couldNotCheckSentence } from '../../src/lib/checks/could-not-check';

const error = (name: string, action = 'iam:ListMFADevices') => toCheckError(action, { name });

describe('could not check: one cause from a fixed set, with what to do', () => {
	it.each([
		['CredentialsProviderError', 'no-credentials'],
		['ExpiredToken', 'credentials-rejected'],
		['InvalidClientTokenId', 'credentials-rejected'],
		['SignatureDoesNotMatch', 'credentials-rejected'],
		['AccessDenied', 'access-denied'],
		['Throttling', 'rate-limited'],
		['TimeoutError', 'unreachable'],
		['ServiceUnavailable', 'unreachable'],
		['Weird', 'unexpected'],
	])('%s is %s', (name, cause) => {
		expect(couldNotCheckFromErrors('unknown', [error(name)])?.cause).toBe(cause);
	});

	it('an answer that came but could not be read is unexpected, not "no connection"', () => {
		const unreadable = toCheckError('iam:SimulatePrincipalPolicy', { name: 'Error', $responseBodyText: '<html>' });
		expect(unreadable.code).toBe('unparseable-response');
		expect(couldNotCheckFromErrors('unknown', [unreadable])?.cause).toBe('unexpected');
	});

	it('is only for a check that learned nothing: a verdict stands, with its errors listed', () => {
		expect(couldNotCheckFromErrors('pass', [error('AccessDenied')])).toBeNull();
		// Unknown with no error: no path can read it (AWS has no API for it), and the summary says what to do.
		expect(couldNotCheckFromErrors('unknown', [], 'AWS offers no API for this.')).toEqual({
			cause: 'unsupported-path',
			message: 'AWS offers no API for this.',
		});
	});

	it('names first the cause whose fix lets the rest through, and says when to retry a rate limit', () => {
		const reason = couldNotCheckFromErrors('unknown', [error('AccessDenied'), error('ExpiredToken', 'sts:GetCallerIdentity')]);
		expect(reason).toMatchObject({ cause: 'credentials-rejected', message: expect.stringContaining('expired') });
		expect(couldNotCheckFromErrors('unknown', [error('Throttling')])).toMatchObject({ retryAfterSeconds: 60 });
	});

	it('access denied tells the reader to attach the policy shown, never to read the README', () => {
		const reason = couldNotCheckFromErrors('unknown', [error('AccessDenied')])!;
		expect(couldNotCheckSentence(reason)).toMatch(/^Could not check \(access denied\)\. .*minimal read-only policy shown/);
		expect(reason.message).not.toMatch(/README|npm|restart Stepcheck/);
	});
});
