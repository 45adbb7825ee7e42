import { createAwsClients, type ClientOverrides } from '../../src/lib/aws/aws-clients';
import type { AnyCheck, CheckInput } from '../../src/lib/checks/check-definition';
import { runCheck as runCheckAsEndpoint } from '../../src/lib/checks/check-runner';
import type { CheckResultBase } from '../../src/lib/checks/result-schema';

/** The common fields typed; each check's own fields (`root`, `devices`, …) read loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseResult = CheckResultBase & { [field: string]: any };

/**
 * Runs a check through the runner the endpoint uses (clients from the environment's endpoint
 * URLs, one deadline), so a test sees the status and body a client would receive; the runner
 * has already parsed the body through the check's schema.
 */
export async function runCheck(
	check: AnyCheck,
	options: {
		credentials?: ClientOverrides['credentials'];
		limits?: ClientOverrides['limits'];
		input?: CheckInput;
		env?: Record<string, string | undefined>;
		signal?: AbortSignal;
	} = {},
) {
	const outcome = await runCheckAsEndpoint(check, {
		clients: () => createAwsClients({ credentials: options.credentials, limits: options.limits }),
		signal: options.signal ?? AbortSignal.timeout(10_000),
		now: () => new Date(),
		input: options.input ?? {},
		env: options.env ?? process.env,
	});
	return { status: outcome.status, body: outcome.body as LooseResult };
}
