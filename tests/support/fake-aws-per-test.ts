import { afterEach, beforeAll } from 'vitest';
import { startFakeAws, type FakeScript, type RunningFake } from './fake-aws';
import { awsEnvFor } from './moto';

/**
 * The fake AWS for a test file: each test starts its own with `start(script)`, which points
 * the SDK's environment at it; it is stopped after the test. No profile from the machine
 * running the tests can take the place of the fake's credentials.
 */
export function fakeAwsPerTest() {
	let running: RunningFake | undefined;
	beforeAll(() => {
		delete process.env.AWS_PROFILE;
	});
	afterEach(async () => {
		await running?.stop();
		running = undefined;
	});
	return {
		async start(script: FakeScript): Promise<RunningFake> {
			running = await startFakeAws(script);
			Object.assign(process.env, awsEnvFor(running.url));
			return running;
		},
		/** The fake the current test started. */
		get fake(): RunningFake {
			if (!running) throw new Error('This test has not started the fake AWS: call start(script) first.');
			return running;
		},
	};
}
