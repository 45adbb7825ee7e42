import { ListServerCertificatesCommand, type IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod/mini';
import { UnreadableResponseError } from '../aws/aws-errors';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema } from './result-schema';

/**
 * SSL/TLS server certificates stored in IAM (Security Hub CSPM IAM.26): an expired one serves no
 * purpose and could be deployed by mistake. The guide's other control, IAM Access Analyzer, is
 * checked by hand (its step 3): analyzers are Regional, so a check would need a call per Region
 * through two more SDK clients, and moto has no Access Analyzer to test verdicts against.
 */

const certificateSchema = z.object({ name: z.string(), expiration: z.iso.datetime({ offset: true }) });
const certificatesSchema = z.array(certificateSchema);
type Certificate = z.infer<typeof certificateSchema>;

const serverCertificatesResultSchema = z.extend(checkResultBaseSchema, { certificates: z.nullable(certificatesSchema) });
type ServerCertificatesResult = z.infer<typeof serverCertificatesResultSchema>;

const GUIDE = 'account-access-controls';
const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html';
/** How far ahead an expiry is worth a warning: time to get and upload a new certificate. */
const SOON_DAYS = 30;
const DAY_MS = 86_400_000;

const accessAnalyzerAdvice = stepAdvice({
	id: 'access-analyzer-by-hand',
	message: 'IAM Access Analyzer is set per Region and this check cannot see it: confirm each Region you use has an analyzer.',
	guide: GUIDE,
	step: 3,
	label: 'Step 3: List the analyzers in every Region you use',
});

export function decideServerCertificates(certificates: Certificate[] | null, now: Date): Decision {
	if (!certificates) {
		return {
			verdict: 'unknown',
			summary: 'Could not list the server certificates stored in IAM.',
			facts: [],
			advice: [
				stepAdvice({
					id: 'certificates-by-hand',
					message: 'Fix the error below, or list the server certificates by hand.',
					guide: GUIDE,
					step: 5,
					label: 'Step 5: Find expired server certificates',
					docsUrl: DOCS,
				}),
				accessAnalyzerAdvice,
			],
		};
	}
	const expired = certificates.filter((c) => Date.parse(c.expiration) <= now.getTime());
	const soon = certificates.filter((c) => !expired.includes(c) && Date.parse(c.expiration) - now.getTime() < SOON_DAYS * DAY_MS);
	const day = (c: Certificate) => `${c.name} (${c.expiration.slice(0, 10)})`;
	const facts = [{ label: 'Server certificates in IAM', value: String(certificates.length) }];
	const lists = [
		{ label: 'Expired (Security Hub CSPM IAM.26)', items: expired.map(day) },
		{ label: `Expiring within ${SOON_DAYS} days`, items: soon.map(day) },
	];
	if (expired.length > 0) {
		const advice = [
			stepAdvice({
				id: 'delete-expired',
				message: `Make sure nothing still uses ${expired.map((c) => c.name).join(', ')}, then delete ${expired.length === 1 ? 'it' : 'them'}.`,
				guide: GUIDE,
				step: 6,
				label: 'Step 6: Delete expired certificates',
				docsUrl: DOCS,
			}),
			accessAnalyzerAdvice,
		];
		return {
			verdict: 'fail',
			summary: `Expired server certificates are still stored in IAM: ${expired.map((c) => c.name).join(', ')}.`,
			facts,
			lists,
			advice,
		};
	}
	if (soon.length > 0) {
		return {
			verdict: 'warn',
			summary: `No expired server certificates, but ${soon.map((c) => c.name).join(', ')} will expire within ${SOON_DAYS} days.`,
			facts,
			lists,
			advice: [
				stepAdvice({
					id: 'renew-soon',
					message: 'Upload a renewed certificate, move what uses the old one to it, then delete the old one.',
					guide: GUIDE,
					step: 6,
					label: 'Step 6: Delete expired certificates',
					docsUrl: DOCS,
				}),
				accessAnalyzerAdvice,
			],
		};
	}
	const summary =
		certificates.length === 0
			? 'IAM stores no server certificates, so none has expired.'
			: 'No server certificate stored in IAM has expired.';
	return { verdict: 'pass', summary, facts, lists, advice: [accessAnalyzerAdvice] };
}

/** The CLI's and the SDK's answer in the check's shape; the CLI prints times as ISO text, the SDK as dates. */
export function certificatesFrom(list: ReadonlyArray<{ ServerCertificateName?: string; Expiration?: Date | string }>): Certificate[] {
	return certificatesSchema.parse(
		list.map((c) => ({
			name: c.ServerCertificateName,
			expiration: c.Expiration instanceof Date ? c.Expiration.toISOString() : c.Expiration,
		})),
	);
}

async function readCertificates(iam: IAMClient, signal: AbortSignal): Promise<Certificate[]> {
	const all = [];
	let marker: string | undefined;
	do {
		const page = await iam.send(new ListServerCertificatesCommand({ Marker: marker }), { abortSignal: signal });
		all.push(...(page.ServerCertificateMetadataList ?? []));
		marker = page.IsTruncated ? page.Marker : undefined;
	} while (marker);
	try {
		return certificatesFrom(all);
	} catch (error) {
		throw new UnreadableResponseError(error instanceof Error ? error.message : String(error));
	}
}

/** What the check learned, and when: an expiry is judged against the time of the check. */
interface CertificateAnswers {
	certificates: Certificate[] | null;
	now: Date;
}

export const serverCertificatesCheck: CheckDefinition<CertificateAnswers, ServerCertificatesResult> = {
	id: 'server-certificates',
	title: 'Expired server certificates',
	guide: GUIDE,
	steps: [6],
	action: 'Check the server certificates stored in IAM',
	method: 'GET',
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:ListServerCertificates', resource: 'account' },
	],
	resultSchema: serverCertificatesResultSchema,
	manual: [
		{
			text: 'List the server certificates stored in IAM with their expiry dates; any date in the past is an expired certificate:',
			command:
				"aws iam list-server-certificates --query 'ServerCertificateMetadataList[].[ServerCertificateName, Expiration]' --output text",
		},
	],
	nothingRead: { certificates: null, now: new Date(0) },
	async gather({ attempt, clients, signal, now }) {
		const { iam } = await clients();
		const read = await attempt('iam:ListServerCertificates', () => readCertificates(iam, signal));
		return read.ok
			? { answers: { certificates: read.value, now: now() }, errors: [] }
			: { answers: { certificates: null, now: now() }, errors: [read.error], stopped: true };
	},
	decide: ({ certificates, now }) => decideServerCertificates(certificates, now),
	fields: ({ certificates }) => ({ certificates }),
};
