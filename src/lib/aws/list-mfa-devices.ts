import { ListMFADevicesCommand, type IAMClient, type MFADevice } from '@aws-sdk/client-iam';
import { classifyDevice } from './devices';
import type { Device } from '../checks/result-schema';

/**
 * Every MFA device of one IAM user (all pages), classified. Pass the user name for an IAM
 * user: without it AWS authorizes the call against `*`, and policies that let users read
 * only their own devices refuse it. Root lists its own devices without one.
 */
export async function listMfaDevices(iam: IAMClient, userName: string | undefined, signal: AbortSignal): Promise<Device[]> {
	const devices: MFADevice[] = [];
	let marker: string | undefined;
	do {
		const page = await iam.send(new ListMFADevicesCommand({ UserName: userName, Marker: marker }), { abortSignal: signal });
		devices.push(...(page.MFADevices ?? []));
		marker = page.IsTruncated ? page.Marker : undefined;
	} while (marker);
	return devices.map((device) => ({
		serial: device.SerialNumber ?? '',
		type: classifyDevice(device.SerialNumber ?? ''),
		enabledAt: device.EnableDate ? device.EnableDate.toISOString() : null,
	}));
}
