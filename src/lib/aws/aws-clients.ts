import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { refuseForeignAnswers } from './aws-answers';

/** IAM is global; its home region in the commercial partition. */
const FALLBACK_REGION = 'us-east-1';

/**
 * Time limits for every AWS call. The SDK only logs a warning when `requestTimeout` passes
 * unless `throwOnRequestTimeout` is set, and a warning would leave the reader waiting.
 */
const HTTP_LIMITS = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true } as const;
const MAX_ATTEMPTS = 3;
export const CHECK_DEADLINE_MS = 10_000;

export interface AwsClients {
	sts: STSClient;
	iam: IAMClient;
}

/**
 * The region from the reader's configuration (AWS_REGION, the profile in ~/.aws/config),
 * else us-east-1. A configured region is kept because it carries the partition:
 * `cn-north-1` sends IAM calls to aws-cn, `us-gov-west-1` to aws-us-gov.
 */
async function configuredRegion(): Promise<string> {
	try {
		const region = await new STSClient({}).config.region();
		return region || FALLBACK_REGION;
	} catch {
		return FALLBACK_REGION;
	}
}

/**
 * Clients on the SDK's default credential chain (environment, AWS_PROFILE, shared files,
 * Identity Center, container and instance roles). Made per check so that a fresh
 * `aws sso login` is picked up without restarting Stepcheck. The SDK itself honours
 * AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_STS (and `endpoint_url` in the profile).
 */
export interface ClientOverrides {
	/** Tests give each fake identity its own keys; the server always uses the default chain. */
	credentials?: IAMClientConfig['credentials'];
	/** Tests shorten the time limits so a time-out takes milliseconds, not seconds. */
	limits?: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

export async function createAwsClients(overrides: ClientOverrides = {}): Promise<AwsClients> {
	const region = await configuredRegion();
	const common = {
		region,
		maxAttempts: MAX_ATTEMPTS,
		// Standard mode: exponential backoff with jitter, longer for throttling errors.
		retryMode: 'standard',
		// Options (not an instance) let the client build its own NodeHttpHandler with them.
		requestHandler: overrides.limits ?? HTTP_LIMITS,
		...(overrides.credentials ? { credentials: overrides.credentials } : {}),
	};
	const clients = { sts: new STSClient(common), iam: new IAMClient(common) };
	refuseForeignAnswers(clients.sts);
	refuseForeignAnswers(clients.iam);
	return clients;
}
