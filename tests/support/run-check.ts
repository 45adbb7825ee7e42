import { createAwsClients, type ClientOverrides } from '../../src/lib/aws/aws-clients';
import type { AnyCheck, CheckInput, CheckResultBase } from '../../src/lib/checks/check-definition';

/** The common fields typed; each check's own fields (`root`, `devices`, …) read loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseResult = CheckResultBase & { [field: string]: any };

/**
 * Runs a check as the endpoint does (clients from the environment's endpoint URLs, one
 * deadline), and parses its body through the check's own schema so a test can only pass
 * on a body the endpoint would send.
 */
export async function runCheck(
	check: AnyCheck,
	options: {
		credentials?: ClientOverrides['credentials'];
		limits?: ClientOverrides['limits'];
		input?: CheckInput;
		env?: Record<string, string | undefined>;
	} = {},
) {
	const outcome = await check.run({
		clients: () => createAwsClients({ credentials: options.credentials, limits: options.limits }),
		signal: AbortSignal.timeout(10_000),
		now: () => new Date(),
		input: options.input ?? {},
		env: options.env ?? process.env,
	});
	return { status: outcome.status, body: check.resultSchema.parse(outcome.body) as LooseResult };
}
