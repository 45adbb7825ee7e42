import type { FakeReply } from './fake-aws';

/**
 * Query-protocol answers for the IAM actions the live checks call, for the fake AWS.
 * Only the fields the checks read are filled in.
 */
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export function iamReply(action: string, result: string): FakeReply {
	return {
		body: `<${action}Response xmlns="${IAM_NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>fake-${action}</RequestId></ResponseMetadata></${action}Response>`,
	};
}

const members = (items: string[]) => items.map((item) => `<member>${item}</member>`).join('');

export const mfaDevices = (userName: string, serials: string[]) =>
	iamReply(
		'ListMFADevices',
		`<IsTruncated>false</IsTruncated><MFADevices>${members(serials.map((serial) => `<UserName>${userName}</UserName><SerialNumber>${serial}</SerialNumber><EnableDate>2026-01-02T03:04:05Z</EnableDate>`))}</MFADevices>`,
	);

export type Decisions = Record<string, 'allowed' | 'explicitDeny' | 'implicitDeny'>;
export const simulation = (decisions: Decisions) =>
	iamReply(
		'SimulatePrincipalPolicy',
		`<IsTruncated>false</IsTruncated><EvaluationResults>${members(Object.entries(decisions).map(([action, decision]) => `<EvalActionName>${action}</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>${decision}</EvalDecision>`))}</EvaluationResults>`,
	);

export const everyProbe = (decision: Decisions[string]): Decisions => ({
	's3:ListAllMyBuckets': decision,
	'ec2:DescribeInstances': decision,
	'iam:ListUsers': decision,
});

export const getUser = (userName: string, account = '123456789012') =>
	iamReply(
		'GetUser',
		`<User><Path>/</Path><UserName>${userName}</UserName><UserId>AIDAFAKE${userName.length}</UserId><Arn>arn:aws:iam::${account}:user/${userName}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></User>`,
	);

export const names = (action: string, list: string[]) =>
	iamReply(action, `<IsTruncated>false</IsTruncated><PolicyNames>${members(list)}</PolicyNames>`);
export const attached = (action: string, list: Array<{ name: string; arn: string }>) =>
	iamReply(
		action,
		`<IsTruncated>false</IsTruncated><AttachedPolicies>${members(list.map((policy) => `<PolicyName>${policy.name}</PolicyName><PolicyArn>${policy.arn}</PolicyArn>`))}</AttachedPolicies>`,
	);
export const groupsForUser = (groups: string[]) =>
	iamReply(
		'ListGroupsForUser',
		`<IsTruncated>false</IsTruncated><Groups>${members(groups.map((group) => `<Path>/</Path><GroupName>${group}</GroupName><GroupId>AGPA${group.length}</GroupId><Arn>arn:aws:iam::123456789012:group/${group}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>`))}</Groups>`,
	);
export const userPolicy = (userName: string, name: string, document: object) =>
	iamReply(
		'GetUserPolicy',
		`<UserName>${userName}</UserName><PolicyName>${name}</PolicyName><PolicyDocument>${encodeURIComponent(JSON.stringify(document))}</PolicyDocument>`,
	);
export const groupPolicy = (group: string, name: string, document: object) =>
	iamReply(
		'GetGroupPolicy',
		`<GroupName>${group}</GroupName><PolicyName>${name}</PolicyName><PolicyDocument>${encodeURIComponent(JSON.stringify(document))}</PolicyDocument>`,
	);
export const policy = (arn: string) =>
	iamReply(
		'GetPolicy',
		`<Policy><PolicyName>${arn.split('/').at(-1)}</PolicyName><Arn>${arn}</Arn><DefaultVersionId>v1</DefaultVersionId></Policy>`,
	);
export const policyVersion = (document: object) =>
	iamReply(
		'GetPolicyVersion',
		`<PolicyVersion><Document>${encodeURIComponent(JSON.stringify(document))}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`,
	);
export const loginProfile = (userName: string) =>
	iamReply('GetLoginProfile', `<LoginProfile><UserName>${userName}</UserName><CreateDate>2026-01-01T00:00:00Z</CreateDate></LoginProfile>`);

export const reportComplete = iamReply('GenerateCredentialReport', '<State>COMPLETE</State><Description>done</Description>');
/** The report's first columns only, as the MFA check reads them. */
export function credentialReport(rows: string[][], generated = new Date()): FakeReply {
	const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active';
	return credentialReportCsv([header, ...rows.map((row) => row.join(','))].join('\n'), generated);
}
export function credentialReportCsv(csv: string, generated = new Date()): FakeReply {
	return iamReply(
		'GetCredentialReport',
		`<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>${generated.toISOString()}</GeneratedTime>`,
	);
}
export const reportRow = (user: string, password: boolean | 'not_supported', mfa: boolean) => [
	user,
	user === '<root_account>' ? 'arn:aws:iam::123456789012:root' : `arn:aws:iam::123456789012:user/${user}`,
	'2026-01-01T00:00:00+00:00',
	String(password),
	'N/A',
	'N/A',
	'N/A',
	String(mfa),
];

/** The RequireMFA statement of the guide, with the operator under test. */
export function requireMfaPolicy(operator: 'BoolIfExists' | 'Bool' = 'BoolIfExists') {
	return {
		Version: '2012-10-17',
		Statement: [
			{ Sid: 'AllowViewAccountInfo', Effect: 'Allow', Action: ['iam:ListVirtualMFADevices'], Resource: '*' },
			{
				Sid: 'DenyAllExceptListedIfNoMFA',
				Effect: 'Deny',
				NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken'],
				Resource: '*',
				Condition: { [operator]: { 'aws:MultiFactorAuthPresent': 'false' } },
			},
		],
	};
}
