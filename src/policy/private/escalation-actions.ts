/**
 * Actions that let a principal raise its own privileges when granted on every resource.
 * Internal: not exported from the package barrel.
 *
 * @see https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicyVersion',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:PassRole',
  'iam:PutGroupPolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'glue:UpdateDevEndpoint',
  'sts:AssumeRole',
];

/** Services whose full access on every resource amounts to administrator access. */
export const SENSITIVE_SERVICES: readonly string[] = ['iam', 'sts', 'organizations', 'kms'];
