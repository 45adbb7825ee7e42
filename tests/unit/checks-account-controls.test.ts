import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorizationDetailsFrom } from '../../src/lib/aws/authorization-details';
import type { Decision } from '../../src/lib/checks/check-definition';
import { readPaste } from '../../src/lib/checks/cloudshell';
import { decidePermissions, grantsFullAdmin, permissionFindings } from '../../src/lib/checks/permissions';
import { decideServerCertificates } from '../../src/lib/checks/server-certificates';
import { ROOT } from '../support/paths';

/**
 * The permissions and server-certificate checks as pure functions on plain answers, and their
 * CloudShell pastes; the same verdicts against moto are in tests/integration/checks-account-controls-moto.test.ts.
 */

const NOW = new Date('2026-12-07T12:00:00Z');
const EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const READ_S3 = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:Get*', Resource: '*' } };
const SUPPORT = { PolicyName: 'AWSSupportAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' };

/** What get-account-authorization-details prints, in the shape both the SDK and the CLI share. */
function details(parts: { users?: object[]; groups?: object[]; roles?: object[]; policies?: object[] } = {}) {
	return {
		UserDetailList: parts.users ?? [],
		GroupDetailList: parts.groups ?? [],
		RoleDetailList: parts.roles ?? [],
		Policies: parts.policies ?? [],
	};
}
const supportRole = { RoleName: 'AWSSupport', AttachedManagedPolicies: [SUPPORT] };
const customerPolicy = (name: string, document: unknown, attachments = 1) => ({
	PolicyName: name,
	Arn: `arn:aws:iam::123456789012:policy/${name}`,
	AttachmentCount: attachments,
	PolicyVersionList: [
		{ Document: { Version: '2012-10-17', Statement: [] }, IsDefaultVersion: false },
		{ Document: document, IsDefaultVersion: true },
	],
});
const decide = (value: ReturnType<typeof details>) => decidePermissions(permissionFindings(authorizationDetailsFrom([value])));

function stepCount(guide: string): number {
	const text = readFileSync(join(ROOT, 'src/content/guides', guide, 'index.mdx'), 'utf8');
	return [...text.slice(text.indexOf('<Steps>'), text.indexOf('</Steps>')).matchAll(/^(\d+)\. /gm)].length;
}
function expectAdviceStepsExist(decision: Decision) {
	for (const advice of decision.advice) {
		const match = /^\/guides\/([^/]+)\/#step-(\d+)$/.exec(advice.guideStep ?? '');
		expect(match, `advice ${advice.id} links ${advice.guideStep}`).not.toBeNull();
		expect(Number(match![2])).toBeLessThanOrEqual(stepCount(match![1]!));
	}
}

describe('grantsFullAdmin', () => {
	it.each([
		['Action "*" on "*"', EVERYTHING, true],
		['"*:*", which IAM reads as "*"', { Statement: [{ Effect: 'Allow', Action: ['s3:*', '*:*'], Resource: ['*'] }] }, true],
		['a single statement object', { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, true],
		['every action on one bucket only', { Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::logs/*' }] }, false],
		['one service on everything', READ_S3, false],
		['a Deny of everything', { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }, false],
		['no document', null, false],
	])('%s: %s', (_, document, expected) => {
		expect(grantsFullAdmin(document)).toBe(expected);
	});
});

describe('decidePermissions', () => {
	it('passes an account where users get permissions through groups and a role has AWSSupportAccess', () => {
		const decision = decide(
			details({
				users: [{ UserName: 'alice', AttachedManagedPolicies: [], UserPolicyList: [] }],
				groups: [
					{
						GroupName: 'readers',
						AttachedManagedPolicies: [{ PolicyName: 'ReadS3', PolicyArn: 'arn:aws:iam::123456789012:policy/ReadS3' }],
					},
				],
				roles: [supportRole],
				policies: [customerPolicy('ReadS3', READ_S3)],
			}),
		);
		expect(decision.verdict).toBe('pass');
		expect(decision.facts).toContainEqual({ label: 'AWSSupportAccess attached to', value: 'role AWSSupport' });
		expectAdviceStepsExist(decision);
	});

	it('fails a user with a managed and an inline policy of their own, linking step 3', () => {
		const decision = decide(
			details({
				users: [
					{
						UserName: 'alice',
						AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
						UserPolicyList: [{ PolicyName: 'extra' }],
					},
					{ UserName: 'bob' },
				],
				roles: [supportRole],
			}),
		);
		expect(decision.verdict).toBe('fail');
		expect(decision.summary).toBe('Permissions to fix: alice has policies of their own.');
		expect(decision.lists?.[1]?.items).toEqual(['alice: ReadOnlyAccess, extra (inline)']);
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual(['/guides/permissions-through-groups/#step-3']);
	});

	it('fails an attached policy allowing * on * in its default version, but not an unattached one or an older version', () => {
		const decision = decide(
			details({
				roles: [supportRole],
				policies: [customerPolicy('FullAdmin', EVERYTHING), customerPolicy('Unused', EVERYTHING, 0), customerPolicy('ReadS3', READ_S3)],
			}),
		);
		expect(decision.verdict).toBe('fail');
		expect(decision.lists?.[0]?.items).toEqual(['FullAdmin']);
		expect(decision.advice[0]?.guideStep).toBe('/guides/permissions-through-groups/#step-5');
		expectAdviceStepsExist(decision);
	});

	it('reads the URL-encoded document the API sends, as the SDK returns it', () => {
		const encoded = customerPolicy('FullAdmin', encodeURIComponent(JSON.stringify(EVERYTHING)));
		expect(decide(details({ roles: [supportRole], policies: [encoded] })).verdict).toBe('fail');
	});

	it('names a policy from its ARN when the answer leaves PolicyName empty (as moto does)', () => {
		const nameless = { ...customerPolicy('FullAdmin', EVERYTHING), PolicyName: null };
		expect(decide(details({ roles: [supportRole], policies: [nameless] })).lists?.[0]?.items).toEqual(['FullAdmin']);
	});

	it('warns when only a group, or nobody, has AWSSupportAccess: CIS asks for a role', () => {
		const groupOnly = decide(details({ groups: [{ GroupName: 'oncall', AttachedManagedPolicies: [SUPPORT] }] }));
		expect(groupOnly.verdict).toBe('warn');
		expect(groupOnly.advice[0]?.guideStep).toBe('/guides/permissions-through-groups/#step-6');
		expect(decide(details()).facts).toContainEqual({ label: 'AWSSupportAccess attached to', value: 'Nobody' });
	});

	it('fails when anyone holds AWSCloudShellFullAccess (IAM.27), naming each holder and linking step 7', () => {
		const cloudShell = { PolicyName: 'AWSCloudShellFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' };
		const decision = decide(
			details({
				users: [{ UserName: 'carol', AttachedManagedPolicies: [cloudShell] }],
				groups: [{ GroupName: 'developers', AttachedManagedPolicies: [cloudShell] }],
				roles: [supportRole, { RoleName: 'Ops', AttachedManagedPolicies: [cloudShell] }],
			}),
		);
		expect(decision.verdict).toBe('fail');
		expect(decision.summary).toContain('AWSCloudShellFullAccess is attached to role Ops, group developers, user carol');
		expect(decision.facts).toContainEqual({
			label: 'AWSCloudShellFullAccess attached to',
			value: 'role Ops, group developers, user carol',
		});
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual([
			'/guides/permissions-through-groups/#step-3',
			'/guides/permissions-through-groups/#step-7',
		]);
		expectAdviceStepsExist(decision);
	});

	it('reads AWSCloudShellFullAccess in any partition, and no other CloudShell policy', () => {
		const chinese = { PolicyName: 'AWSCloudShellFullAccess', PolicyArn: 'arn:aws-cn:iam::aws:policy/AWSCloudShellFullAccess' };
		const own = {
			PolicyName: 'CloudShellWithoutFileTransfer',
			PolicyArn: 'arn:aws:iam::123456789012:policy/CloudShellWithoutFileTransfer',
		};
		expect(decide(details({ groups: [{ GroupName: 'cn', AttachedManagedPolicies: [chinese] }], roles: [supportRole] })).verdict).toBe(
			'fail',
		);
		const restricted = decide(details({ groups: [{ GroupName: 'developers', AttachedManagedPolicies: [own] }], roles: [supportRole] }));
		expect(restricted.verdict).toBe('pass');
		expect(restricted.facts).toContainEqual({ label: 'AWSCloudShellFullAccess attached to', value: 'Nobody' });
	});

	it('says it could not check, and never passes, when nothing was read', () => {
		const decision = decidePermissions(null);
		expect(decision.verdict).toBe('unknown');
		expect(decision.advice[0]?.guideStep).toBe('/guides/permissions-through-groups/#step-2');
	});
});

describe('decideServerCertificates', () => {
	const cert = (name: string, expiration: string) => ({ name, expiration });

	it('fails an expired certificate, links the delete step, and always points at the Access Analyzer step', () => {
		const decision = decideServerCertificates([cert('old', '2026-01-01T00:00:00Z'), cert('www', '2027-06-01T00:00:00Z')], NOW);
		expect(decision.verdict).toBe('fail');
		expect(decision.summary).toContain('old');
		expect(decision.summary).not.toContain('www');
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual([
			'/guides/account-access-controls/#step-6',
			'/guides/account-access-controls/#step-3',
		]);
		expectAdviceStepsExist(decision);
	});

	it('warns about a certificate expiring within 30 days', () => {
		expect(decideServerCertificates([cert('soon', '2026-12-20T00:00:00Z')], NOW).verdict).toBe('warn');
	});

	it('passes no certificates, or only valid ones, and says which', () => {
		expect(decideServerCertificates([], NOW)).toMatchObject({
			verdict: 'pass',
			summary: 'IAM stores no server certificates, so none has expired.',
		});
		expect(decideServerCertificates([cert('www', '2027-06-01T00:00:00Z')], NOW).verdict).toBe('pass');
	});

	it('could not check without a list', () => {
		expect(decideServerCertificates(null, NOW).verdict).toBe('unknown');
	});
});

describe('CloudShell pastes', () => {
	it('permissions: reads the JSON the command prints, with the terminal lines around it', () => {
		const printed = JSON.stringify(
			details({ users: [{ UserName: 'alice', AttachedManagedPolicies: [], UserPolicyList: null }], roles: [supportRole] }),
			null,
			4,
		);
		const outcome = readPaste(
			'permissions',
			`[cloudshell-user@ip ~]$ aws iam get-account-authorization-details\n${printed}\n[cloudshell-user@ip ~]$`,
			{
				policy: null,
				now: NOW,
			},
		);
		expect(outcome.ok && outcome.result).toMatchObject({ check: 'permissions', verdict: 'pass', identity: null });
	});

	it('permissions: names the expected output when another command was pasted', () => {
		const outcome = readPaste('permissions', '{"ServerCertificateMetadataList":[]}', { policy: null });
		expect(outcome).toMatchObject({ ok: false, problem: 'other-output' });
		expect(!outcome.ok && outcome.message).toContain('{"UserDetailList"');
	});

	it('server-certificates: judges the expiry against the time of the paste', () => {
		const printed = JSON.stringify({
			ServerCertificateMetadataList: [{ ServerCertificateName: 'old', Expiration: '2026-11-30T00:00:00+00:00' }],
		});
		const outcome = readPaste('server-certificates', printed, { policy: null, now: NOW });
		expect(outcome.ok && outcome.result.verdict).toBe('fail');
		const earlier = readPaste('server-certificates', printed, { policy: null, now: new Date('2026-11-15T00:00:00Z') });
		expect(earlier.ok && earlier.result.verdict).toBe('warn');
	});

	it('server-certificates: AccessDenied brings the minimal policy', () => {
		const policy = { Version: '2012-10-17' as const, Statement: [] };
		const denied = 'An error occurred (AccessDenied) when calling the ListServerCertificates operation: not authorized';
		expect(readPaste('server-certificates', denied, { policy })).toMatchObject({ ok: false, problem: 'access-denied', policy });
	});
});
