import * as z from 'zod/mini';
import { UnreadableResponseError } from '../aws/aws-errors';
import { PROBE_ACTIONS } from './probe-actions';
import type { CheckError } from './result-schema';

/**
 * Whether a user's policies deny ordinary actions without MFA, in the three contexts that
 * matter: `aws:MultiFactorAuthPresent` false (a console sign-in without MFA), absent (a request
 * signed with a long-term access key) and true. Asked of IAM's policy simulator when the caller
 * may use it, else evaluated here on the policy documents by an optional add-on.
 */

type IamSimulate = typeof import('@cloud-copilot/iam-simulate');
/** The evaluation function of the add-on. */
export type PolicyEvaluator = IamSimulate['runSimulation'];

/**
 * The add-on: an IAM policy engine licensed AGPL-3.0-or-later, so Stepcheck (MIT) neither
 * depends on it nor bundles it. A site owner who installs it (`npm install
 * @cloud-copilot/iam-simulate`) gets the local evaluation when the simulator is refused.
 */
export const POLICY_EVALUATOR_PACKAGE = '@cloud-copilot/iam-simulate';

/**
 * The add-on's evaluator, or null when it is not installed, cannot load, or the site owner
 * turned it off (`STEPCHECK_LOCAL_EVALUATION=off`). The specifier is a variable so that no
 * bundler (Vite for the server, esbuild for the companion) can pull the package in.
 */
export async function loadPolicyEvaluator(
	env: Record<string, string | undefined> = process.env,
	specifier: string = POLICY_EVALUATOR_PACKAGE,
): Promise<PolicyEvaluator | null> {
	if (env.STEPCHECK_LOCAL_EVALUATION === 'off') return null;
	try {
		const loaded = (await import(/* @vite-ignore */ specifier)) as Partial<IamSimulate>;
		return typeof loaded.runSimulation === 'function' ? loaded.runSimulation : null;
	} catch {
		return null;
	}
}

const evaluationDecisionSchema = z.enum(['allowed', 'explicitDeny', 'implicitDeny']);
type EvaluationDecision = z.infer<typeof evaluationDecisionSchema>;
export const evaluationRunSchema = z.record(z.string(), evaluationDecisionSchema);
export type EvaluationRun = z.infer<typeof evaluationRunSchema>;

export const mfaEvaluationSchema = z.object({
	withoutMfa: evaluationRunSchema,
	accessKey: evaluationRunSchema,
	withMfa: evaluationRunSchema,
});
export type MfaEvaluation = z.infer<typeof mfaEvaluationSchema>;

/** The MFA context of each run; absent is how a request signed with an access key arrives. */
export const MFA_CONTEXTS: Record<keyof MfaEvaluation, 'false' | 'true' | null> = { withoutMfa: 'false', accessKey: null, withMfa: 'true' };

/** A statement that denied a probe action in the run without MFA or with an access key alone. */
export const mfaDenySchema = z.object({ source: z.string(), sid: z.nullable(z.string()) });
export type MfaDeny = z.infer<typeof mfaDenySchema>;

/** One identity policy of the user, named by where it came from. */
export interface PolicySource {
	/** E.g. `group mfa-test, attached policy RequireMFA`. */
	source: string;
	document: unknown;
}

/** IAM returns policy documents URL-encoded; a document that is neither JSON nor that is an unreadable answer. */
export function parsePolicyDocument(text: string): unknown {
	for (const candidate of [text, safeDecode(text)]) {
		try {
			return JSON.parse(candidate);
		} catch {
			// Try the next reading.
		}
	}
	throw new UnreadableResponseError('a policy document is not JSON');
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

const DECISIONS: Record<string, EvaluationDecision> = {
	Allowed: 'allowed',
	ExplicitlyDenied: 'explicitDeny',
	ImplicitlyDenied: 'implicitDeny',
};

/**
 * Evaluates the user's identity policies (inline, attached, and those of its groups) for each
 * probe action in each MFA context. Service control policies, permission boundaries and session
 * policies are not read, so this judges what the user's own policies require. Throws an error
 * naming the policy when the evaluator refuses a document.
 */
/** A policy the evaluator refused; its message names the policy and is safe to show. */
class PolicyEvaluationError extends Error {
	override name = 'PolicyEvaluationError';
}

/**
 * The error a reader sees when local evaluation fails. Only a refused policy is explained:
 * any other failure (a data file the evaluator could not load) may carry server paths.
 */
export function evaluationFailure(error: unknown): CheckError {
	const why = error instanceof PolicyEvaluationError ? error.message : 'The local policy evaluator failed.';
	return { action: 'local policy evaluation', code: 'unexpected', message: `${why} Check with the policy simulator by hand.` };
}

export async function evaluateMfaRequirement(
	runSimulation: PolicyEvaluator,
	principalArn: string,
	sources: readonly PolicySource[],
): Promise<{ evaluation: MfaEvaluation; denies: MfaDeny[] }> {
	const account = principalArn.split(':')[4] ?? '';
	const names = sources.map((_, index) => `policy-${index}`);
	const identityPolicies = sources.map((source, index) => ({ name: names[index]!, policy: source.document }));
	const denies: MfaDeny[] = [];
	const evaluation = { withoutMfa: {}, accessKey: {}, withMfa: {} } as Record<keyof MfaEvaluation, EvaluationRun>;
	for (const [run, mfa] of Object.entries(MFA_CONTEXTS) as Array<[keyof MfaEvaluation, 'false' | 'true' | null]>) {
		for (const action of PROBE_ACTIONS) {
			const response = await runSimulation(
				{
					identityPolicies,
					serviceControlPolicies: [],
					resourceControlPolicies: [],
					request: {
						action,
						principal: principalArn,
						resource: { accountId: account, resource: '*' },
						contextVariables: mfa === null ? {} : { 'aws:MultiFactorAuthPresent': mfa },
					},
				},
				{},
			);
			if (response.resultType === 'error') {
				const refused = Object.keys(response.errors.identityPolicyErrors ?? {}).map((name) => sources[names.indexOf(name)]?.source);
				throw new PolicyEvaluationError(
					`The local policy evaluator could not read ${refused.filter(Boolean).join('; ') || 'the request'} (${response.errors.message}).`,
				);
			}
			evaluation[run][action] = DECISIONS[response.overallResult] ?? 'implicitDeny';
			if (run === 'withMfa' || response.resultType !== 'single') continue;
			for (const statement of response.result.analysis?.identityAnalysis?.denyStatements ?? []) {
				const deny = {
					source: sources[names.indexOf(statement.policyId ?? '')]?.source ?? 'a policy',
					sid: statement.statement.sid() ?? null,
				};
				if (!denies.some((found) => found.source === deny.source && found.sid === deny.sid)) denies.push(deny);
			}
		}
	}
	return { evaluation, denies };
}
