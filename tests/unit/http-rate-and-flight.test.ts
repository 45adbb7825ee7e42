import { describe, expect, it } from 'vitest';
import { createRateLimiter, takeFromEach } from '../../src/lib/http/rate-limiter';
import { createSingleFlight } from '../../src/lib/http/single-flight';

describe('createRateLimiter', () => {
	it('allows the capacity, then refuses with the seconds until the next token', () => {
		let time = 0;
		const limiter = createRateLimiter({ capacity: 3, refillPerMinute: 6, now: () => time });
		expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
		expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
		time = 4_000;
		expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
		time = 10_000;
		expect(limiter.take('a').allowed).toBe(true);
	});

	it('keeps one bucket per client', () => {
		const limiter = createRateLimiter({ capacity: 1, refillPerMinute: 1, now: () => 0 });
		expect(limiter.take('a').allowed).toBe(true);
		expect(limiter.take('a').allowed).toBe(false);
		expect(limiter.take('b').allowed).toBe(true);
	});

	it('bounds memory by dropping idle clients', () => {
		let time = 0;
		const limiter = createRateLimiter({ capacity: 1, refillPerMinute: 60, now: () => time, maxClients: 2 });
		limiter.take('a');
		limiter.take('b');
		time = 5_000;
		limiter.take('c');
		// 'a' was dropped when full again, so it starts with a fresh bucket rather than erroring.
		expect(limiter.take('a').allowed).toBe(true);
	});
});

describe('takeFromEach', () => {
	it('takes from no limiter when one of them refuses', () => {
		const shared = createRateLimiter({ capacity: 3, refillPerMinute: 1, now: () => 0 });
		const account = createRateLimiter({ capacity: 1, refillPerMinute: 1, now: () => 0 });
		expect(takeFromEach([shared, account], 'a').allowed).toBe(true);
		expect(takeFromEach([shared, account], 'a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
		// The refused account check cost the shared limit nothing: two of its three tokens are left.
		expect([1, 2, 3].map(() => takeFromEach([shared], 'a').allowed)).toEqual([true, true, false]);
	});

	it('answers with the longest wait of the limiters that refuse', () => {
		let time = 0;
		const fast = createRateLimiter({ capacity: 1, refillPerMinute: 60, now: () => time });
		const slow = createRateLimiter({ capacity: 1, refillPerMinute: 2, now: () => time });
		takeFromEach([fast, slow], 'a');
		time = 500;
		expect(takeFromEach([fast, slow], 'a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
	});
});

describe('createSingleFlight', () => {
	it('shares one run among checks within the window and starts a new one after it', async () => {
		let time = 0;
		let runs = 0;
		const flights = createSingleFlight<number>({ windowMs: 5_000, now: () => time });
		const task = async () => ++runs;
		const [first, second] = await Promise.all([flights.run('k', task), flights.run('k', task)]);
		expect([first, second, runs]).toEqual([1, 1, 1]);
		time = 4_999;
		expect(await flights.run('k', task)).toBe(1);
		time = 5_000;
		expect(await flights.run('k', task)).toBe(2);
	});

	it('keeps different keys apart', async () => {
		const flights = createSingleFlight<string>({ windowMs: 5_000, now: () => 0 });
		expect(await flights.run('a', async () => 'a')).toBe('a');
		expect(await flights.run('b', async () => 'b')).toBe('b');
	});

	it('forgets settled runs once their window has passed, so memory stays bounded', async () => {
		let time = 0;
		const flights = createSingleFlight<string>({ windowMs: 5_000, now: () => time });
		for (let index = 0; index < 100; index++) await flights.run(`user-${index}`, async () => 'done');
		expect(flights.size()).toBe(100);
		time = 5_000;
		await flights.run('later', async () => 'done');
		expect(flights.size()).toBe(1);
	});

	it('keeps a run still in flight past its window until it settles', async () => {
		let time = 0;
		let finish = (_value: string) => {};
		const flights = createSingleFlight<string>({ windowMs: 5_000, now: () => time });
		const slow = flights.run('slow', () => new Promise<string>((done) => (finish = done)));
		time = 6_000;
		await flights.run('other', async () => 'done');
		expect(flights.size()).toBe(2);
		finish('slow result');
		expect(await slow).toBe('slow result');
		time = 12_000;
		await flights.run('other', async () => 'done again');
		expect(flights.size()).toBe(1);
	});

	it('does not share a run that failed', async () => {
		const flights = createSingleFlight<string>({ windowMs: 5_000, now: () => 0 });
		await expect(flights.run('k', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
		expect(await flights.run('k', async () => 'ok')).toBe('ok');
	});
});
