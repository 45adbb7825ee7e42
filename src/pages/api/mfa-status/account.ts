import type { APIRoute } from 'astro';
import { handleAccountPosture } from '../../../lib/aws/mfa-endpoint';

/** Account posture from the credential report; POST because it asks AWS to generate the report. */
export const prerender = false;

export const POST: APIRoute = ({ request, clientAddress }) => handleAccountPosture({ request, clientAddress });
