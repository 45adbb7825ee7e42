/**
 * Ordinary actions a typical user has; the RequireMFA policy denies them without MFA. A file
 * of its own, without imports, so the companion's bundler (run from astro.config.mjs) can read
 * it and embed the IAM data of exactly these actions.
 */
export const PROBE_ACTIONS = ['s3:ListAllMyBuckets', 'ec2:DescribeInstances', 'iam:ListUsers'] as const;
