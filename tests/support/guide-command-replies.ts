import { iamReply } from './fake-iam-replies';
import { awsError, type FakeReply } from './fake-aws';
import { evaluateRequest, type Decision } from './iam-evaluate';
import type { Gate, RecordedRequest, Replies } from './recording-aws';

/**
 * Answers for the IAM, Organizations, EC2 and IAM Access Analyzer actions the guides call that moto does not model.
 * The policy simulator is answered by a real policy engine over the policies the CLI sent,
 * so a command that sends a file name instead of a policy gets the error IAM would give.
 */

const EVAL_DECISION: Record<Decision, string> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

function members(params: Record<string, unknown>, name: string): string[] {
	return Object.keys(params)
		.filter((key) => new RegExp(`^${name.replace(/\./g, '\\.')}\\.member\\.\\d+$`).test(key))
		.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
		.map((key) => String(params[key]));
}

function mfaOf(params: Record<string, unknown>): 'yes' | 'no' | 'absent' {
	if (params['ContextEntries.member.1.ContextKeyName'] !== 'aws:MultiFactorAuthPresent') return 'absent';
	return params['ContextEntries.member.1.ContextKeyValues.member.1'] === 'true' ? 'yes' : 'no';
}

async function simulate(action: string, principal: string, policies: unknown[], request: RecordedRequest): Promise<FakeReply> {
	const results: string[] = [];
	for (const name of members(request.params, 'ActionNames')) {
		const decision = await evaluateRequest({
			principal,
			action: name,
			resource: '*',
			mfa: mfaOf(request.params),
			identityPolicies: policies,
		});
		results.push(
			`<member><EvalActionName>${name}</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>${EVAL_DECISION[decision]}</EvalDecision></member>`,
		);
	}
	return iamReply(action, `<IsTruncated>false</IsTruncated><EvaluationResults>${results.join('')}</EvaluationResults>`);
}

/** IAM's action for a request, where the API's operation name differs from it. */
const IAM_ACTION: Record<string, string> = { 's3:ListBuckets': 's3:ListAllMyBuckets' };

/**
 * Refuses what the users' policies explicitly deny to a request signed with their long-term
 * access key, which carries no aws:MultiFactorAuthPresent. Temporary credentials are let
 * through: in the guides they always come from an MFA code.
 */
export function longTermKeyGate(users: { accessKeyId: string; arn: string; policies: unknown[] }[]): Gate {
	return async (request) => {
		const user = users.find((candidate) => candidate.accessKeyId === request.accessKeyId);
		if (!user || request.sessionToken) return null;
		const key = `${request.service}:${request.action}`;
		const action = IAM_ACTION[key] ?? key;
		const decision = await evaluateRequest({ principal: user.arn, action, resource: '*', mfa: 'absent', identityPolicies: user.policies });
		return decision === 'ExplicitlyDenied'
			? awsError(
					'AccessDenied',
					403,
					`User: ${user.arn} is not authorized to perform: ${action} with an explicit deny in an identity-based policy`,
				)
			: null;
	};
}

/**
 * The guides' example access key (AWS's documented example ID): moto makes up its own key IDs,
 * so the commands that name a key by ID are answered here, and refuse any other ID as IAM would.
 */
const EXAMPLE_KEY = 'AKIAIOSFODNN7EXAMPLE';

function forExampleKey(reply: (request: RecordedRequest) => FakeReply) {
	return (request: RecordedRequest): FakeReply =>
		request.params.AccessKeyId === EXAMPLE_KEY
			? reply(request)
			: awsError('NoSuchEntity', 404, `The Access Key with id ${String(request.params.AccessKeyId)} cannot be found.`);
}

/** AWS's documented example instance ID, which the access key guide uses. */
const EXAMPLE_INSTANCE = 'i-1234567890abcdef0';

/** @param principalPolicies the identity policies of each user the principal simulator may be asked about */
export function guideCommandReplies(principalPolicies: Record<string, unknown[]>): Replies {
	return {
		'iam:SimulateCustomPolicy': (request) => {
			const texts = members(request.params, 'PolicyInputList');
			const policies: unknown[] = [];
			for (const text of texts) {
				try {
					policies.push(JSON.parse(text));
				} catch {
					return awsError('MalformedPolicyDocument', 400, `The policy failed legacy parsing: ${text.slice(0, 40)}`);
				}
			}
			return simulate('SimulateCustomPolicy', 'arn:aws:iam::123456789012:user/alice', policies, request);
		},
		'iam:SimulatePrincipalPolicy': (request) => {
			const arn = String(request.params.PolicySourceArn);
			const policies = principalPolicies[arn];
			if (!policies) return awsError('NoSuchEntity', 404, `The user with ARN ${arn} cannot be found.`);
			return simulate('SimulatePrincipalPolicy', arn, policies, request);
		},
		'iam:EnableOrganizationsRootCredentialsManagement': iamReply(
			'EnableOrganizationsRootCredentialsManagement',
			'<OrganizationId>o-aa111bb222</OrganizationId><EnabledFeatures><member>RootCredentialsManagement</member></EnabledFeatures>',
		),
		'iam:EnableOrganizationsRootSessions': iamReply(
			'EnableOrganizationsRootSessions',
			'<OrganizationId>o-aa111bb222</OrganizationId><EnabledFeatures><member>RootSessions</member></EnabledFeatures>',
		),
		'organizations:EnableAWSServiceAccess': { body: '{}' },
		'iam:GetAccessKeyLastUsed': forExampleKey(() =>
			iamReply(
				'GetAccessKeyLastUsed',
				'<UserName>alice</UserName><AccessKeyLastUsed><LastUsedDate>2026-11-02T09:15:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>',
			),
		),
		'iam:UpdateAccessKey': forExampleKey(() => iamReply('UpdateAccessKey', '')),
		'iam:DeleteAccessKey': forExampleKey(() => iamReply('DeleteAccessKey', '')),
		// moto makes up its own instance IDs: AWS's documented example instance, which takes the profile.
		'ec2:AssociateIamInstanceProfile': (request) =>
			request.params.InstanceId === EXAMPLE_INSTANCE
				? {
						body: `<AssociateIamInstanceProfileResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId><iamInstanceProfileAssociation><associationId>iip-assoc-0123456789abcdef0</associationId><instanceId>${EXAMPLE_INSTANCE}</instanceId><iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/${String(request.params['IamInstanceProfile.Name'])}</arn><id>AIPAJEXAMPLE</id></iamInstanceProfile><state>associating</state></iamInstanceProfileAssociation></AssociateIamInstanceProfileResponse>`,
					}
				: awsError('InvalidInstanceID.NotFound', 400, `The instance ID '${String(request.params.InstanceId)}' does not exist`),
		// moto has no IAM Access Analyzer: an account with no analyzer yet, which accepts a new one.
		'access-analyzer:ListAnalyzers': { body: '{"analyzers":[]}' },
		'access-analyzer:CreateAnalyzer': (request) => ({
			body: JSON.stringify({ arn: `arn:aws:access-analyzer:us-east-1:123456789012:analyzer/${String(request.params.analyzerName)}` }),
		}),
	};
}
