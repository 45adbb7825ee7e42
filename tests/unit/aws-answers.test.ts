import { describe, expect, it } from 'vitest';
import { answerProblem } from '../../src/lib/aws/aws-answers';

describe('answerProblem', () => {
	it.each([
		['a Query answer', '<ListMFADevicesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><x/></ListMFADevicesResponse>'],
		['an XML declaration and whitespace first', '\uFEFF<?xml version="1.0"?>\n  <ListMFADevicesResponse>'],
		['a comment first', '<!-- proxy --><ListMFADevicesResponse>'],
		['a namespace prefix', '<iam:ListMFADevicesResponse xmlns:iam="x">'],
		['a JSON answer', '{"MFADevices":[]}'],
	])('accepts %s', (_name, body) => {
		expect(answerProblem('ListMFADevices', body)).toBeNull();
	});

	it.each([
		['an HTML page', '<!DOCTYPE html><html><body>Sign in</body></html>', 'is not XML'],
		['an HTML page without a doctype', '<html><body>Sign in</body></html>', 'a <html> document, not <ListMFADevicesResponse>'],
		['the answer to another action', '<GetUserResponse><GetUserResult/></GetUserResponse>', 'a <GetUserResponse> document'],
		['plain text', 'OK', 'is not XML'],
		['an empty body', '', 'is not XML'],
	])('refuses %s', (_name, body, problem) => {
		expect(answerProblem('ListMFADevices', body)).toContain(problem);
	});
});
