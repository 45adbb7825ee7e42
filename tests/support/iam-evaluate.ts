import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { z } from 'astro/zod';
import type { mfaSchema } from '../../src/lib/content/policy-claims';

/**
 * One request through @cloud-copilot/iam-simulate, an IAM policy engine that evaluates
 * identity and resource (trust) policies the way AWS documents it: explicit deny, then allow,
 * with conditions and policy variables. A policy the engine cannot read is an error, not a decision.
 */

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

interface EvaluatedRequest {
	principal: string;
	action: string;
	resource: string;
	mfa: z.infer<typeof mfaSchema>;
	/** The principal's identity policies. */
	identityPolicies: unknown[];
	/** A role's trust policy, or another resource policy. */
	resourcePolicy?: unknown;
}

const accountOf = (arn: string) => /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];

/** The context AWS adds to a request: the user's name for ${aws:username}, and the MFA key unless the request was signed with long-term keys. */
function contextFor(request: EvaluatedRequest): Record<string, string> {
	const context: Record<string, string> = {};
	const user = /:user\/(?:.*\/)?([^/]+)$/.exec(request.principal)?.[1];
	if (user) context['aws:username'] = user;
	if (request.mfa !== 'absent') context['aws:MultiFactorAuthPresent'] = request.mfa === 'yes' ? 'true' : 'false';
	return context;
}

export async function evaluateRequest(request: EvaluatedRequest): Promise<Decision> {
	const result = await runSimulation(
		{
			request: {
				principal: request.principal,
				action: request.action,
				resource: { resource: request.resource, accountId: accountOf(request.resource) ?? accountOf(request.principal)! },
				contextVariables: contextFor(request),
			},
			identityPolicies: request.identityPolicies.map((policy, index) => ({ name: `policy-${index + 1}`, policy })),
			resourcePolicy: request.resourcePolicy,
			serviceControlPolicies: [],
			resourceControlPolicies: [],
		},
		{},
	);
	if (result.resultType === 'error') {
		throw new Error(`The policy engine could not evaluate ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
	}
	return result.overallResult as Decision;
}
