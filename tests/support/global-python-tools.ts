import { delimiter } from 'node:path';
import { provisionPythonTools } from './python-tools';

/** Before the AWS tests: moto and the AWS CLI on PATH, installed into the project's venv if need be. */
export default function setup() {
	const { bin } = provisionPythonTools(process.env.PATH ?? '');
	// Test workers start after this and inherit the environment.
	if (bin) process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
}
