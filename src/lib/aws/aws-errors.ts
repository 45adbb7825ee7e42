import type { AwsErrorCode, CheckError } from '../checks/result-schema';

/** The parts of an SDK or network error the mapping reads; everything else is ignored. */
export interface ErrorFacts {
	name?: string;
	code?: string;
	message?: string;
	httpStatus?: number;
	/** Set by the SDK when it could not parse the body it received. */
	unparseable?: boolean;
}

/** Thrown by Stepcheck itself when an answer parsed but lacks what the check needs. */
export class UnreadableResponseError extends Error {
	override name = 'UnreadableResponseError';
}

/** Pulls `ErrorFacts` out of whatever was thrown, without trusting its shape. */
export function errorFacts(error: unknown): ErrorFacts {
	if (typeof error !== 'object' || error === null) return { message: String(error) };
	const record = error as Record<string, unknown>;
	const metadata = record.$metadata as { httpStatusCode?: number } | undefined;
	const response = record.$response as { statusCode?: number } | undefined;
	const cause = record.cause as Record<string, unknown> | undefined;
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return {
		name: text(record.name),
		code: text(record.Code) ?? text(record.code) ?? text(cause?.code),
		message: text(record.message),
		httpStatus: metadata?.httpStatusCode ?? response?.statusCode,
		unparseable: '$responseBodyText' in record || record.name === 'SyntaxError' || error instanceof UnreadableResponseError,
	};
}

const CODE_GROUPS: Array<[AwsErrorCode, readonly string[]]> = [
	['credentials-expired', ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']],
	[
		'credentials-invalid',
		[
			'InvalidClientTokenId',
			'SignatureDoesNotMatch',
			'UnrecognizedClientException',
			'InvalidAccessKeyId',
			'AuthFailure',
			'IncompleteSignature',
			'MissingAuthenticationToken',
			'InvalidToken',
		],
	],
	['access-denied', ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'NotAuthorized']],
	[
		'throttled',
		[
			'Throttling',
			'ThrottlingException',
			'TooManyRequestsException',
			'RequestLimitExceeded',
			'RequestThrottled',
			'SlowDown',
			'PriorRequestNotComplete',
		],
	],
	[
		'aws-unavailable',
		['ServiceUnavailable', 'ServiceUnavailableException', 'InternalFailure', 'InternalError', 'ServiceFailure', 'InternalServerError'],
	],
	['report-not-ready', ['ReportInProgress', 'ReportNotPresent', 'ReportExpired']],
	['not-found', ['NoSuchEntity', 'NoSuchEntityException']],
];
const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** Decides which of Stepcheck's error codes a thrown error is. */
export function classifyAwsError(facts: ErrorFacts): AwsErrorCode {
	const { name = '', code = '', message = '' } = facts;
	if (name === 'AbortError' || name === 'DeadlineExceededError' || code === 'ABORT_ERR') return 'deadline-exceeded';
	// The SDK names a reset "TimeoutError" too, but the other end hung up: no time passed.
	if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection-reset';
	if (name === 'TimeoutError' || code === 'ETIMEDOUT' || name === 'TimeoutException') return 'timed-out';
	if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
		return /sso/i.test(message) && /expired|refresh|invalid|login/i.test(message) ? 'sso-session-expired' : 'no-credentials';
	}
	if (/sso session .*(expired|invalid)|token .*is expired/i.test(message) && /sso/i.test(`${name} ${message}`))
		return 'sso-session-expired';
	for (const [group, codes] of CODE_GROUPS) {
		if (codes.includes(name) || codes.includes(code)) return group;
	}
	if (NETWORK_CODES.includes(code)) return 'connection-failed';
	if (facts.unparseable) return 'unparseable-response';
	if (facts.httpStatus !== undefined && facts.httpStatus >= 500) return 'aws-unavailable';
	if (facts.httpStatus === 429) return 'throttled';
	return 'unexpected';
}

/** HTTP status the endpoint answers with when this error stopped the whole check. */
export const HTTP_STATUS_FOR_ERROR: Record<AwsErrorCode, number> = {
	'no-credentials': 503,
	'sso-session-expired': 503,
	'credentials-expired': 503,
	'credentials-invalid': 502,
	'access-denied': 502,
	throttled: 503,
	'aws-unavailable': 502,
	'timed-out': 504,
	'deadline-exceeded': 504,
	'connection-failed': 502,
	'connection-reset': 502,
	'unparseable-response': 502,
	'report-not-ready': 503,
	'not-found': 404,
	unexpected: 500,
};

/**
 * A message that tells the reader what went wrong and what to do, written by Stepcheck:
 * raw SDK messages can quote request details and never reach the browser.
 */
function explainAwsError(code: AwsErrorCode, action: string): string {
	switch (code) {
		case 'no-credentials':
			return 'No AWS credentials were found on the computer that runs the check. Sign in there (aws configure, aws sso login, or set AWS_PROFILE), stop the companion with Ctrl+C and start it again in that terminal, then check again.';
		case 'sso-session-expired':
			return 'Your IAM Identity Center (SSO) session has expired. Run "aws sso login" (add --profile NAME if you use one), then check again.';
		case 'credentials-expired':
			return 'The AWS credentials the check uses have expired. Refresh them (aws sso login, or new temporary keys) and check again.';
		case 'credentials-invalid':
			return 'AWS rejected the access key the check uses: it is wrong, deleted or deactivated. Check AWS_PROFILE, your environment variables and ~/.aws/credentials.';
		case 'access-denied':
			return `The credentials are not allowed to call ${action}. Ask an administrator to attach the minimal read-only policy shown with this result, then check again.`;
		case 'throttled':
			return `AWS is throttling ${action} after several retries. Wait a minute (60 seconds) and check again.`;
		case 'aws-unavailable':
			return `AWS answered ${action} with a server error. This is usually brief: check the AWS Health Dashboard and try again in a few minutes.`;
		case 'timed-out':
			return `${action} did not answer in time after several attempts. Check this machine's network connection (and any proxy), then check again.`;
		case 'deadline-exceeded':
			return `The check took longer than its 10-second limit while waiting for ${action}. Check your network and try again.`;
		case 'connection-failed':
			return `Could not connect to AWS for ${action}. Check your network, proxy and any AWS_ENDPOINT_URL settings.`;
		case 'connection-reset':
			return `The connection to AWS was cut while waiting for ${action}, on every attempt. A proxy, VPN or firewall on the way may be closing it; check your network and try again.`;
		case 'unparseable-response':
			return `AWS sent an answer to ${action} that Stepcheck could not read. A proxy may be rewriting responses; try again, or check by hand with the AWS CLI.`;
		case 'report-not-ready':
			return 'AWS is still generating the credential report. Wait a few seconds and check again.';
		case 'not-found':
			return `${action} found no such entity in this account. Check the name (IAM names are case-sensitive) and the account your credentials belong to.`;
		case 'unexpected':
			return `${action} failed in a way Stepcheck does not recognise. Look at the terminal that runs the check and try again, or check by hand with the AWS CLI.`;
	}
}

/** Turns whatever an AWS call threw into the safe, teaching error the endpoint returns. */
export function toCheckError(action: string, error: unknown): CheckError {
	const code = classifyAwsError(errorFacts(error));
	return { action, code, message: explainAwsError(code, action) };
}
