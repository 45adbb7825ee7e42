import { createAwsClients, type ClientOverrides } from '../../src/lib/aws/aws-clients';
import type { AnyCheck, CheckInput } from '../../src/lib/checks/check-definition';

/**
 * Runs a check as the endpoint does (clients from the environment's endpoint URLs, one
 * deadline), and parses its body through the check's own schema so a test can only pass
 * on a body the endpoint would send.
 */
export async function runCheck(
	check: AnyCheck,
	options: { credentials?: ClientOverrides['credentials']; limits?: ClientOverrides['limits']; input?: CheckInput; env?: Record<string, string | undefined> } = {},
) {
	const outcome = await check.run({
		clients: () => createAwsClients({ credentials: options.credentials, limits: options.limits }),
		signal: AbortSignal.timeout(10_000),
		now: () => new Date(),
		input: options.input ?? {},
		env: options.env ?? process.env,
	});
	return { status: outcome.status, body: check.resultSchema.parse(outcome.body) };
}
