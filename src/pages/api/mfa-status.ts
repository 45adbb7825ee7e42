import type { APIRoute } from 'astro';
import { handleMfaStatus } from '../../lib/aws/mfa-endpoint';

/** The live MFA check for the identity behind this server's AWS credentials. */
export const prerender = false;

export const GET: APIRoute = ({ request, clientAddress }) => handleMfaStatus({ request, clientAddress });
