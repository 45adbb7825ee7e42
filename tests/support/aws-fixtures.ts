import {
	CreateAccessKeyCommand,
	CreateLoginProfileCommand,
	CreateUserCommand,
	CreateVirtualMFADeviceCommand,
	EnableMFADeviceCommand,
	IAMClient,
} from '@aws-sdk/client-iam';
import { request } from 'node:http';
import { awsEnvFor, SETUP_KEYS, type RunningMoto } from './moto';

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
	await iam.send(new CreateUserCommand({ UserName: name }));
	await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Correct-Horse-1' }));
	if (options.mfa) {
		const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${name}-phone` }));
		await iam.send(
			new EnableMFADeviceCommand({ UserName: name, SerialNumber: device.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }),
		);
	}
	const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
	return awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: key.AccessKey!.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.AccessKey!.SecretAccessKey! });
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
			{ host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', headers: options.headers },
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
