import { afterEach, describe, expect, it } from 'vitest';
import { MOTO_MISSING, startMoto } from '../support/moto';

describe('startMoto', () => {
	const path = process.env.PATH;
	afterEach(() => {
		process.env.PATH = path;
	});

	it('stops with the one-line install hint when moto_server is not on PATH', async () => {
		process.env.PATH = '/nonexistent';
		await expect(startMoto()).rejects.toThrow(new Error(MOTO_MISSING));
		expect(MOTO_MISSING).toBe('moto_server not found: install it with pip install "moto[server]"');
	});
});
