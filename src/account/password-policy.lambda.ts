// Applies the IAM account password policy for AccountPasswordPolicy. Invoked by the
// custom-resource Provider framework: a resolved promise reports SUCCESS, a rejected one
// reports FAILED with the error message as the reason CloudFormation shows.
import {
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  IAMClient,
  PasswordPolicy,
  UpdateAccountPasswordPolicyCommand,
  UpdateAccountPasswordPolicyCommandInput,
} from '@aws-sdk/client-iam';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The IAM client retries throttled calls itself; the loop below adds a slower second tier. */
const iam = new IAMClient({ maxAttempts: 8, retryMode: 'adaptive' });

const PHYSICAL_ID_PREFIX = 'AccountPasswordPolicy/previous:';
const NO_PREVIOUS_POLICY = 'none';
const THROTTLE_ATTEMPTS = 6;
const THROTTLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

export interface HandlerResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly [key: string]: string };
}

export async function handler(event: CloudFormationCustomResourceEvent): Promise<HandlerResponse> {
  const props = event.ResourceProperties;
  switch (event.RequestType) {
    case 'Create': {
      const previous = await step('read the current password policy', getPolicy);
      const desired = desiredPolicy(props);
      await step('update the password policy', () => updatePolicy(desired));
      return {
        PhysicalResourceId: encodePrevious(previous),
        Data: { PreviousPolicy: previous ? JSON.stringify(previous) : NO_PREVIOUS_POLICY },
      };
    }
    case 'Update': {
      const desired = desiredPolicy(props);
      await step('update the password policy', () => updatePolicy(desired));
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    case 'Delete':
      await onDelete(String(props.OnDelete ?? 'Retain'), event.PhysicalResourceId);
      return { PhysicalResourceId: event.PhysicalResourceId };
  }
}

async function onDelete(choice: string, physicalId: string): Promise<void> {
  switch (choice) {
    case 'Retain':
      return;
    case 'Delete':
      return step('delete the password policy', deletePolicy);
    case 'RestorePrevious': {
      const previous = decodePrevious(physicalId);
      if (previous) {
        return step('restore the previous password policy', () => updatePolicy(previous));
      }
      return step('delete the password policy (there was none before)', deletePolicy);
    }
    default:
      throw new Error(`OnDelete is "${choice}"; expected Retain, Delete or RestorePrevious.`);
  }
}

/** Runs one IAM call and turns any error into one CloudFormation can show as the reason. */
async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await retryThrottled(call);
  } catch (error) {
    const name = (error as Error).name ?? 'Error';
    const message = (error as Error).message ?? String(error);
    throw new Error(`Could not ${what}: ${name}: ${message}`);
  }
}

async function retryThrottled<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= THROTTLE_ATTEMPTS) throw error;
      const ceiling = Math.min(20_000, 1_000 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
    }
  }
}

function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } };
  return THROTTLE_NAMES.has(e?.name ?? '') || e?.$retryable?.throttling === true;
}

async function getPolicy(): Promise<UpdateAccountPasswordPolicyCommandInput | undefined> {
  try {
    const result = await iam.send(new GetAccountPasswordPolicyCommand({}));
    return result.PasswordPolicy ? toUpdateInput(result.PasswordPolicy) : undefined;
  } catch (error) {
    if ((error as Error).name === 'NoSuchEntity' || (error as Error).name === 'NoSuchEntityException') {
      return undefined;
    }
    throw error;
  }
}

async function updatePolicy(input: UpdateAccountPasswordPolicyCommandInput): Promise<void> {
  await iam.send(new UpdateAccountPasswordPolicyCommand(input));
}

async function deletePolicy(): Promise<void> {
  try {
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
  } catch (error) {
    if ((error as Error).name === 'NoSuchEntity' || (error as Error).name === 'NoSuchEntityException') {
      return;
    }
    throw error;
  }
}

/** CloudFormation hands custom resources every property as a string. */
function desiredPolicy(props: { [key: string]: unknown }): UpdateAccountPasswordPolicyCommandInput {
  return {
    MinimumPasswordLength: whole(props, 'MinimumPasswordLength'),
    RequireUppercaseCharacters: flag(props, 'RequireUppercaseCharacters'),
    RequireLowercaseCharacters: flag(props, 'RequireLowercaseCharacters'),
    RequireNumbers: flag(props, 'RequireNumbers'),
    RequireSymbols: flag(props, 'RequireSymbols'),
    PasswordReusePrevention: whole(props, 'PasswordReusePrevention'),
    MaxPasswordAge: whole(props, 'MaxPasswordAge'),
    AllowUsersToChangePassword: flag(props, 'AllowUsersToChangePassword'),
    HardExpiry: flag(props, 'HardExpiry'),
  };
}

function whole(props: { [key: string]: unknown }, key: string): number {
  const value = Number(props[key]);
  if (!Number.isInteger(value)) {
    throw new Error(`Property ${key} is "${String(props[key])}"; expected a whole number.`);
  }
  return value;
}

function flag(props: { [key: string]: unknown }, key: string): boolean {
  const value = props[key];
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Property ${key} is "${String(value)}"; expected true or false.`);
}

function toUpdateInput(policy: PasswordPolicy): UpdateAccountPasswordPolicyCommandInput {
  const input: UpdateAccountPasswordPolicyCommandInput = {
    MinimumPasswordLength: policy.MinimumPasswordLength,
    RequireUppercaseCharacters: policy.RequireUppercaseCharacters,
    RequireLowercaseCharacters: policy.RequireLowercaseCharacters,
    RequireNumbers: policy.RequireNumbers,
    RequireSymbols: policy.RequireSymbols,
    PasswordReusePrevention: policy.PasswordReusePrevention,
    // IAM reports MaxPasswordAge only with ExpirePasswords; without it passwords never expire.
    MaxPasswordAge: policy.ExpirePasswords ? policy.MaxPasswordAge : undefined,
    AllowUsersToChangePassword: policy.AllowUsersToChangePassword,
    HardExpiry: policy.HardExpiry,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The previous policy travels in the physical id, the one value CloudFormation returns on delete. */
function encodePrevious(previous: UpdateAccountPasswordPolicyCommandInput | undefined): string {
  if (!previous) return PHYSICAL_ID_PREFIX + NO_PREVIOUS_POLICY;
  return PHYSICAL_ID_PREFIX + Buffer.from(JSON.stringify(previous)).toString('base64url');
}

function decodePrevious(physicalId: string): UpdateAccountPasswordPolicyCommandInput | undefined {
  if (!physicalId.startsWith(PHYSICAL_ID_PREFIX)) {
    throw new Error(
      `Physical id "${physicalId}" does not record the previous password policy, ` +
        'so it cannot be restored. Change onDelete to RETAIN or DELETE before deleting.',
    );
  }
  const encoded = physicalId.slice(PHYSICAL_ID_PREFIX.length);
  if (encoded === NO_PREVIOUS_POLICY) return undefined;
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`Physical id "${physicalId}" holds no readable previous password policy.`);
  }
}
