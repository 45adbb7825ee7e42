import {
	AttachUserPolicyCommand,
	CreateAccessKeyCommand,
	CreateLoginProfileCommand,
	CreatePolicyCommand,
	CreateUserCommand,
	CreateVirtualMFADeviceCommand,
	EnableMFADeviceCommand,
	IAMClient,
	UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { request } from 'node:http';
import { awsEnvFor, SETUP_KEYS, startMoto, type RunningMoto } from './moto';

export interface MotoUserKeys {
	accessKeyId: string;
	secretAccessKey: string;
}

/**
 * Creates an IAM user in moto through the SDK, with an optional path, console password and
 * virtual MFA devices (named `<user>-device-<n>` unless names are given) and, with `allow`,
 * a policy granting only those actions; it returns an
 * access key of that user so a check can run as them.
 */
export async function createMotoUser(
	iam: IAMClient,
	name: string,
	options: { password?: boolean; devices?: number; deviceNames?: string[]; path?: string; allow?: string[] } = {},
): Promise<MotoUserKeys> {
	await iam.send(new CreateUserCommand({ UserName: name, Path: options.path }));
	if (options.password) await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Correct-Horse-1' }));
	const deviceNames = options.deviceNames ?? Array.from({ length: options.devices ?? 0 }, (_, index) => `${name}-device-${index}`);
	for (const deviceName of deviceNames) {
		const created = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName }));
		await iam.send(
			new EnableMFADeviceCommand({
				UserName: name,
				SerialNumber: created.VirtualMFADevice!.SerialNumber!,
				AuthenticationCode1: '123456',
				AuthenticationCode2: '654321',
			}),
		);
	}
	if (options.allow) {
		// Only these actions, for tests that run moto in its IAM authorization mode.
		const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: options.allow, Resource: '*' }] };
		const policy = await iam.send(new CreatePolicyCommand({ PolicyName: `${name}-only`, PolicyDocument: JSON.stringify(document) }));
		await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: policy.Policy!.Arn! }));
	}
	const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
	return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
}

/**
 * Stores a server certificate in IAM. moto reads nothing from the body and dates every upload
 * in 2012, so the certificate is always expired: the case IAM.26 reports.
 */
export async function uploadExpiredCertificate(iam: IAMClient, name = 'old-www-example-com'): Promise<void> {
	await iam.send(
		new UploadServerCertificateCommand({
			ServerCertificateName: name,
			CertificateBody: '-----BEGIN CERTIFICATE-----\nexample\n-----END CERTIFICATE-----',
			PrivateKey: '-----BEGIN PRIVATE KEY-----\nexample\n-----END PRIVATE KEY-----',
		}),
	);
}

/** Points the SDK in this process at moto only, the way a user sets endpoint variables. */
export function useMotoEnvironment(moto: RunningMoto): void {
	Object.assign(process.env, moto.awsEnv);
	delete process.env.AWS_PROFILE;
}

/**
 * Points this process's SDK at moto only while `work` runs. Later tests in the same file spawn
 * the CLI with this process's environment, and a leftover AWS_ENDPOINT_URL would send their
 * calls straight to moto, past the recorder that checks them.
 */
export async function withMotoEnvironment<T>(moto: RunningMoto, work: () => Promise<T>): Promise<T> {
	const names = [...Object.keys(moto.awsEnv), 'AWS_PROFILE'];
	const saved = new Map(names.map((name) => [name, process.env[name]]));
	useMotoEnvironment(moto);
	try {
		return await work();
	} finally {
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}

/**
 * moto in its IAM authorization mode with one user, `erin`, who has a console password and
 * may call only iam:ListMFADevices: every other call a check makes is refused with
 * AccessDenied. The SDK in this process points at it; returns erin's keys.
 */
export async function startMotoWithAccessDeniedUser(): Promise<{ moto: RunningMoto; keys: MotoUserKeys }> {
	// Five set-up calls run unauthorized; everything after is checked against IAM policies.
	const moto = await startMoto({ initialNoAuthActionCount: 5 });
	useMotoEnvironment(moto);
	const iam = new IAMClient({
		credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
	});
	const keys = await createMotoUser(iam, 'erin', { password: true, allow: ['iam:ListMFADevices'] });
	return { moto, keys };
}

/**
 * Creates an IAM user in moto (console password, optional virtual MFA device) and returns
 * the environment a Stepcheck server needs to run the check as that user.
 */
export async function motoUserEnv(moto: RunningMoto, name: string, options: { mfa: boolean }): Promise<Record<string, string>> {
	const iam = new IAMClient({
		region: 'us-east-1',
		endpoint: moto.url,
		credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
	});
	const keys = await createMotoUser(iam, name, { password: true, deviceNames: options.mfa ? [`${name}-phone`] : [] });
	return awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey });
}

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** An HTTP request with headers fetch() will not let a test set (Host, Origin, Sec-Fetch-Site). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const outgoing = request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: options.method ?? 'GET',
				headers: options.headers,
			},
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (body += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
			},
		);
		outgoing.on('error', reject);
		outgoing.end();
	});
}
