import {
	GetGroupPolicyCommand,
	GetPolicyCommand,
	GetPolicyVersionCommand,
	GetUserCommand,
	GetUserPolicyCommand,
	ListAttachedGroupPoliciesCommand,
	ListAttachedUserPoliciesCommand,
	ListGroupPoliciesCommand,
	ListGroupsForUserCommand,
	ListUserPoliciesCommand,
	SimulatePrincipalPolicyCommand,
	type IAMClient,
} from '@aws-sdk/client-iam';
import * as z from 'zod/mini';
import { UnreadableResponseError } from '../aws/aws-errors';
import { stepAdvice } from './advice';
import type { Attempt, Attempter, CheckDefinition, CheckInput, Decision, RawInput } from './check-definition';
import { awsErrorCodeSchema, checkResultBaseSchema, UNKNOWN_IDENTITY, type CheckError, type Fact, type Identity } from './result-schema';
import {
	evaluateMfaRequirement,
	evaluationFailure,
	evaluationRunSchema,
	loadPolicyEvaluator,
	MFA_CONTEXTS,
	mfaDenySchema,
	mfaEvaluationSchema,
	parsePolicyDocument,
	type EvaluationRun,
	type MfaEvaluation,
	type PolicySource,
} from './mfa-policy-evaluation';
import { PROBE_ACTIONS } from './probe-actions';

/**
 * Is the user denied ordinary actions without MFA? Asked first of the IAM policy simulator
 * (`aws:MultiFactorAuthPresent` false, absent as with an access key, and true); when the
 * simulator is not allowed and the site owner installed the optional evaluator add-on, the
 * user's inline, attached and group policies are read and evaluated locally in the same three
 * contexts. The result says which method decided.
 */

/** IAM's rule for user names; checked before any call so a bad name never reaches AWS. */
export const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

/** `?user=NAME`: the IAM user to check instead of the caller. */
const mfaPolicyInputSchema: z.ZodMiniType<CheckInput, RawInput> = z.pipe(
	z.object({
		user: z.optional(
			z.string().check(
				z.refine((name) => IAM_USER_NAME.test(name), {
					error: (issue) =>
						`The user name "${String(issue.input).slice(0, 80)}" is not a valid IAM user name: use 1 to 64 letters, digits and + = , . @ _ - only (no spaces or slashes), or leave it empty to check yourself.`,
				}),
			),
		),
	}),
	z.transform(({ user }) => (user ? { userName: user } : {})),
);

const mfaPolicyAnswersSchema = z.object({
	target: z.nullable(z.object({ userName: z.string(), arn: z.string() })),
	/**
	 * `simulation`: IAM's policy simulator; `local-evaluation`: the user's policies, evaluated by
	 * the optional add-on the site owner installed; null: neither could decide.
	 */
	method: z.nullable(z.enum(['simulation', 'local-evaluation'])),
	/** Why the simulator did not answer, when it did not (`access-denied`: the caller may not use it). */
	simulatorError: z.nullable(awsErrorCodeSchema),
	/** The decision for each probe action in each MFA context, from whichever method decided. */
	simulation: z.nullable(mfaEvaluationSchema),
	/** Local evaluation only: the statements that denied a probe action without MFA. */
	denies: z.nullable(z.array(mfaDenySchema)),
	/** Local evaluation only: the policy documents evaluated. */
	documentsRead: z.nullable(z.int().check(z.nonnegative())),
});
export type MfaPolicyAnswers = z.infer<typeof mfaPolicyAnswersSchema>;

const mfaPolicyResultSchema = z.extend(checkResultBaseSchema, mfaPolicyAnswersSchema.shape);
type MfaPolicyResult = z.infer<typeof mfaPolicyResultSchema>;

const GUIDE = 'require-mfa-policy';
const DOCS = {
	policy: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html',
	simulator: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html',
	boolIfExists: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
} as const;

const METHOD_LABEL = {
	simulation: 'IAM policy simulator (iam:SimulatePrincipalPolicy)',
	'local-evaluation': "Evaluating the user's inline, attached and group policies locally (optional add-on @cloud-copilot/iam-simulate)",
} as const;

const withDecision = (run: EvaluationRun, decision: string) => PROBE_ACTIONS.filter((action) => run[action] === decision);
const listed = (actions: readonly string[]) => actions.join(', ') || 'None';

const attachAdvice = stepAdvice({
	id: 'attach-policy',
	message: 'Attach the RequireMFA policy to the groups your people belong to (first the test group).',
	guide: GUIDE,
	step: 5,
	label: 'Step 5: Attach the policy to the test group',
	docsUrl: DOCS.policy,
});
const boolIfExistsAdvice = stepAdvice({
	id: 'use-bool-if-exists',
	message:
		"The Deny uses Bool, which does not match requests signed with a long-term access key (the MFA key is absent there). Use BoolIfExists as in the guide's policy.",
	guide: GUIDE,
	step: 2,
	label: 'Step 2: Open the policy editor',
	docsUrl: DOCS.boolIfExists,
});

const simulateByHand = stepAdvice({
	id: 'simulate-by-hand',
	message: 'Fix the errors below, or simulate the policy by hand.',
	guide: GUIDE,
	step: 4,
	label: 'Step 4: Simulate the policy',
	docsUrl: DOCS.simulator,
});

/** What the check asks when it cannot evaluate policies itself: who the user is, and the simulator. */
const SIMULATOR_ACTIONS = ['sts:GetCallerIdentity', 'iam:GetUser', 'iam:SimulatePrincipalPolicy'];

const NOTHING_READ: MfaPolicyAnswers = {
	target: null,
	method: null,
	simulatorError: null,
	simulation: null,
	denies: null,
	documentsRead: null,
};

export function decideMfaPolicy(answers: MfaPolicyAnswers, identity: Identity, requestedUser?: string): Decision {
	const { target } = answers;
	if (!target) {
		if (requestedUser) {
			return {
				verdict: 'unknown',
				summary: `Could not read the IAM user ${requestedUser}.`,
				facts: [],
				advice: [
					stepAdvice({
						id: 'name-a-user',
						message: 'Check the user name, or create the test user and group first.',
						guide: GUIDE,
						step: 1,
						label: 'Step 1: Create a test user and group',
					}),
				],
			};
		}
		if (identity.type === 'unknown')
			return { verdict: 'unknown', summary: 'Could not tell who these credentials belong to.', facts: [], advice: [] };
		return {
			verdict: 'not-applicable',
			summary: 'These credentials are not an IAM user: enter the name of the IAM user to check in the field above, then check again.',
			facts: [],
			advice: [
				stepAdvice({
					id: 'name-a-user',
					message: 'Create the test user and group, then check that user by name.',
					guide: GUIDE,
					step: 1,
					label: 'Step 1: Create a test user and group',
				}),
			],
		};
	}
	const facts: Fact[] = [
		{ label: 'User checked', value: target.arn, code: true },
		...(answers.method ? [{ label: 'Decided by', value: METHOD_LABEL[answers.method] }] : []),
	];
	const name = target.userName;
	if (answers.method && answers.simulation) {
		const { withoutMfa, accessKey, withMfa } = answers.simulation;
		const simulated = answers.method === 'simulation';
		/*
		 * The simulator sees every policy that applies, so an action is open when it is allowed.
		 * The local evaluation sees only the user's own policies, which may grant nothing (the
		 * guide's test group holds only RequireMFA), so an action is open there unless a policy
		 * explicitly denies it.
		 */
		const open = (run: EvaluationRun, action: string) => (simulated ? run[action] === 'allowed' : run[action] !== 'explicitDeny');
		if (simulated) {
			facts.push(
				{ label: 'Allowed without MFA', value: listed(withDecision(withoutMfa, 'allowed')) },
				{ label: 'Allowed with an access key alone', value: listed(withDecision(accessKey, 'allowed')) },
				{ label: 'Allowed with MFA', value: listed(withDecision(withMfa, 'allowed')) },
			);
		} else {
			facts.push(
				{ label: 'Policy documents evaluated', value: String(answers.documentsRead ?? 0) },
				{ label: 'Denied without MFA', value: listed(withDecision(withoutMfa, 'explicitDeny')) },
				{ label: 'Denied with an access key alone', value: listed(withDecision(accessKey, 'explicitDeny')) },
				{ label: 'Denied with MFA', value: listed(withDecision(withMfa, 'explicitDeny')) },
				{
					label: 'Denied by',
					value: (answers.denies ?? []).map((deny) => `${deny.source}${deny.sid ? ` (${deny.sid})` : ''}`).join('; ') || 'None',
				},
				{ label: 'Not evaluated', value: 'Service control policies and permission boundaries, which Stepcheck does not read' },
			);
		}
		const ordinary = PROBE_ACTIONS.filter((action) => open(withMfa, action));
		if (ordinary.length === 0) {
			return {
				verdict: 'warn',
				summary: `${name} is not allowed ${PROBE_ACTIONS.join(', ')} even with MFA, so the ${simulated ? 'simulation' : 'evaluation'} cannot show whether MFA is required.`,
				facts,
				advice: [
					stepAdvice({
						id: 'give-ordinary-permissions',
						message:
							'Give the test user the permissions a typical user has (for example ReadOnlyAccess through its group), then check again.',
						guide: GUIDE,
						step: 1,
						label: 'Step 1: Create a test user and group',
					}),
				],
			};
		}
		if (ordinary.some((action) => open(withoutMfa, action))) {
			return {
				verdict: 'fail',
				summary: `${name} can use ordinary actions without MFA: no policy requires it.`,
				facts,
				advice: [attachAdvice],
			};
		}
		if (ordinary.some((action) => open(accessKey, action))) {
			return {
				verdict: 'warn',
				summary: `${name} needs MFA to sign in to the console, but an access key alone still works.`,
				facts,
				advice: [boolIfExistsAdvice],
			};
		}
		return {
			verdict: 'pass',
			summary: `${name} is denied ordinary actions without MFA${simulated ? ', and allowed them with MFA' : ' or with an access key alone'}.`,
			facts,
			advice: [
				stepAdvice({
					id: 'test-as-user',
					message: 'Confirm it as the user: sign in without and then with MFA.',
					guide: GUIDE,
					step: 6,
					label: 'Step 6: Test as the user',
				}),
			],
		};
	}
	if (answers.simulatorError === 'access-denied' && !answers.method) {
		return {
			verdict: 'unknown',
			summary: `Could not check ${name}: access denied. These credentials may not call iam:SimulatePrincipalPolicy; attach the minimal policy below and check again.`,
			facts,
			advice: [simulateByHand],
		};
	}
	return {
		verdict: 'unknown',
		summary: `Could not read the policies of ${name}.`,
		facts,
		advice: [simulateByHand],
	};
}

async function simulate(iam: IAMClient, arn: string, signal: AbortSignal, mfa: 'false' | 'true' | null): Promise<EvaluationRun> {
	const answer = await iam.send(
		new SimulatePrincipalPolicyCommand({
			PolicySourceArn: arn,
			ActionNames: [...PROBE_ACTIONS],
			ContextEntries:
				mfa === null ? undefined : [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyType: 'boolean', ContextKeyValues: [mfa] }],
		}),
		{ abortSignal: signal },
	);
	const decisions = Object.fromEntries(
		(answer.EvaluationResults ?? []).map((result) => [result.EvalActionName ?? '', result.EvalDecision ?? '']),
	);
	const parsed = evaluationRunSchema.safeParse(decisions);
	if (!parsed.success || Object.keys(parsed.data).length !== PROBE_ACTIONS.length)
		throw new UnreadableResponseError('SimulatePrincipalPolicy answered without a decision for every action');
	return parsed.data;
}

/** The fallback: every policy document that applies to the user; the first failed read stops it. */
async function readPolicyDocuments(
	attempt: Attempter,
	iam: IAMClient,
	userName: string,
	signal: AbortSignal,
): Promise<Attempt<PolicySource[]>> {
	const options = { abortSignal: signal };
	const unwrap = async <T>(result: Promise<Attempt<T>>): Promise<T> => {
		const settled = await result;
		if (!settled.ok) throw settled;
		return settled.value;
	};
	const managed = (arn: string, source: string) =>
		unwrap(
			attempt('iam:GetPolicy', async () => (await iam.send(new GetPolicyCommand({ PolicyArn: arn }), options)).Policy?.DefaultVersionId),
		).then((version) =>
			unwrap(
				attempt('iam:GetPolicyVersion', async () => ({
					source,
					document: parsePolicyDocument(
						(await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }), options)).PolicyVersion?.Document ?? '',
					),
				})),
			),
		);
	try {
		const [inlineNames, attached, groups] = await allOrFirstFailure([
			unwrap(
				attempt(
					'iam:ListUserPolicies',
					async () => (await iam.send(new ListUserPoliciesCommand({ UserName: userName, MaxItems: 1000 }), options)).PolicyNames ?? [],
				),
			),
			unwrap(
				attempt(
					'iam:ListAttachedUserPolicies',
					async () =>
						(await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName, MaxItems: 1000 }), options)).AttachedPolicies ?? [],
				),
			),
			unwrap(
				attempt(
					'iam:ListGroupsForUser',
					async () => (await iam.send(new ListGroupsForUserCommand({ UserName: userName, MaxItems: 1000 }), options)).Groups ?? [],
				),
			),
		] as const);
		const groupLists = await allOrFirstFailure(
			groups.map(async (group) => {
				const groupName = group.GroupName ?? '';
				const [names, policies] = await allOrFirstFailure([
					unwrap(
						attempt(
							'iam:ListGroupPolicies',
							async () =>
								(await iam.send(new ListGroupPoliciesCommand({ GroupName: groupName, MaxItems: 1000 }), options)).PolicyNames ?? [],
						),
					),
					unwrap(
						attempt(
							'iam:ListAttachedGroupPolicies',
							async () =>
								(await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: groupName, MaxItems: 1000 }), options))
									.AttachedPolicies ?? [],
						),
					),
				] as const);
				return { groupName, names, policies };
			}),
		);
		const documents = await allOrFirstFailure([
			...inlineNames.map((policy) =>
				unwrap(
					attempt('iam:GetUserPolicy', async () => ({
						source: `user ${userName}, inline policy ${policy}`,
						document: parsePolicyDocument(
							(await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: policy }), options)).PolicyDocument ?? '',
						),
					})),
				),
			),
			...attached.map((policy) => managed(policy.PolicyArn ?? '', `user ${userName}, attached policy ${policy.PolicyName}`)),
			...groupLists.flatMap(({ groupName, names, policies }) => [
				...names.map((policy) =>
					unwrap(
						attempt('iam:GetGroupPolicy', async () => ({
							source: `group ${groupName}, inline policy ${policy}`,
							document: parsePolicyDocument(
								(await iam.send(new GetGroupPolicyCommand({ GroupName: groupName, PolicyName: policy }), options)).PolicyDocument ?? '',
							),
						})),
					),
				),
				...policies.map((policy) => managed(policy.PolicyArn ?? '', `group ${groupName}, attached policy ${policy.PolicyName}`)),
			]),
		]);
		return { ok: true, value: documents };
	} catch (failure) {
		if (typeof failure === 'object' && failure !== null && 'ok' in failure) return failure as Attempt<PolicySource[]>;
		throw failure;
	}
}

/**
 * Like Promise.all, but waits for every promise to settle before throwing the first failure,
 * so no failed read is left rejecting with nobody listening.
 */
async function allOrFirstFailure<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
	const settled = await Promise.allSettled(promises);
	const failed = settled.find((result) => result.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;
	return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export const mfaPolicyCheck: CheckDefinition<MfaPolicyAnswers, MfaPolicyResult> = {
	id: 'mfa-policy',
	title: 'MFA policy check',
	guide: GUIDE,
	steps: [5, 6, 7],
	action: 'Check the MFA policy',
	method: 'GET',
	input: mfaPolicyInputSchema,
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:GetUser', resource: 'any-user' },
		{ action: 'iam:SimulatePrincipalPolicy', resource: 'any-user' },
		{ action: 'iam:ListUserPolicies', resource: 'any-user' },
		{ action: 'iam:GetUserPolicy', resource: 'any-user' },
		{ action: 'iam:ListAttachedUserPolicies', resource: 'any-user' },
		{ action: 'iam:ListGroupsForUser', resource: 'any-user' },
		{ action: 'iam:ListGroupPolicies', resource: 'any-group' },
		{ action: 'iam:GetGroupPolicy', resource: 'any-group' },
		{ action: 'iam:ListAttachedGroupPolicies', resource: 'any-group' },
		{ action: 'iam:GetPolicy', resource: 'any-policy' },
		{ action: 'iam:GetPolicyVersion', resource: 'any-policy' },
	],
	resultSchema: mfaPolicyResultSchema,
	manual: [
		{ text: "Find the user's ARN:", command: 'aws iam get-user --user-name mfa-tester --query User.Arn --output text' },
		{
			text: 'Simulate an ordinary action without MFA; with the policy attached the decision is explicitDeny:',
			command:
				'aws iam simulate-principal-policy \\\n  --policy-source-arn arn:aws:iam::123456789012:user/mfa-tester \\\n  --action-names s3:ListAllMyBuckets \\\n  --context-entries "ContextKeyName=aws:MultiFactorAuthPresent,ContextKeyValues=false,ContextKeyType=boolean" \\\n  --query "EvaluationResults[].EvalDecision"',
		},
		{ text: 'Repeat with ContextKeyValues=true: the decision should be allowed.' },
	],
	nothingRead: NOTHING_READ,
	async gather({ attempt, clients, identity, input, signal }) {
		const requested = input.userName;
		const errors: CheckError[] = [];
		const answers: MfaPolicyAnswers = { ...NOTHING_READ };
		let evaluatorLoaded = false;
		const { iam } = await clients();
		if (requested) {
			const user = await attempt(
				'iam:GetUser',
				async () => (await iam.send(new GetUserCommand({ UserName: requested }), { abortSignal: signal })).User,
			);
			if (user.ok && user.value?.Arn) answers.target = { userName: requested, arn: user.value.Arn };
			else if (!user.ok) errors.push(user.error);
		} else if (identity?.type === 'iam-user' && identity.userName && identity.arn) {
			answers.target = { userName: identity.userName, arn: identity.arn };
		}
		if (answers.target) {
			const { arn, userName } = answers.target;
			// One after another: three small calls, and each answer is read in a known order.
			const simulated = await attempt('iam:SimulatePrincipalPolicy', async () => {
				const runs = {} as MfaEvaluation;
				for (const [run, mfa] of Object.entries(MFA_CONTEXTS) as Array<[keyof MfaEvaluation, 'false' | 'true' | null]>)
					runs[run] = await simulate(iam, arn, signal, mfa);
				return runs;
			});
			if (simulated.ok) {
				answers.method = 'simulation';
				answers.simulation = simulated.value;
			} else {
				errors.push(simulated.error);
				answers.simulatorError = simulated.error.code;
				// Without the add-on there is nothing to evaluate the policies with, so none are read.
				const evaluator = await loadPolicyEvaluator();
				evaluatorLoaded = evaluator !== null;
				const documents = evaluator ? await readPolicyDocuments(attempt, iam, userName, signal) : null;
				if (documents && !documents.ok) errors.push(documents.error);
				else if (evaluator && documents) {
					try {
						const { evaluation, denies } = await evaluateMfaRequirement(evaluator, arn, documents.value);
						Object.assign(answers, { method: 'local-evaluation', simulation: evaluation, denies, documentsRead: documents.value.length });
					} catch (error) {
						errors.push(evaluationFailure(error));
					}
				}
			}
		}
		// Without the evaluator add-on the policy reads are no use, so a denied run's policy leaves them out.
		const withoutFallback = answers.simulatorError !== null && answers.method === null && !evaluatorLoaded;
		return { answers, errors, ...(withoutFallback ? { policyActions: SIMULATOR_ACTIONS } : {}) };
	},
	decide: (answers, { identity, input }) => decideMfaPolicy(answers, identity ?? UNKNOWN_IDENTITY, input.userName),
	fields: (answers) => answers,
};
