import {
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  IAMClient,
  NoSuchEntityException,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../src/account/password-policy.lambda';

const iam = mockClient(IAMClient);

// CloudFormation hands every custom-resource property over as a string.
const PROPERTIES = {
  ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:framework',
  MinimumPasswordLength: '14',
  RequireUppercaseCharacters: 'true',
  RequireLowercaseCharacters: 'true',
  RequireNumbers: 'true',
  RequireSymbols: 'true',
  PasswordReusePrevention: '24',
  MaxPasswordAge: '90',
  AllowUsersToChangePassword: 'true',
  HardExpiry: 'false',
  OnDelete: 'Retain',
};

const APPLIED = {
  MinimumPasswordLength: 14,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: true,
  PasswordReusePrevention: 24,
  MaxPasswordAge: 90,
  AllowUsersToChangePassword: true,
  HardExpiry: false,
};

const EARLIER_POLICY = {
  MinimumPasswordLength: 8,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: false,
  AllowUsersToChangePassword: false,
  ExpirePasswords: true,
  MaxPasswordAge: 180,
  PasswordReusePrevention: 3,
  HardExpiry: true,
};

const COMMON = {
  ServiceToken: PROPERTIES.ServiceToken,
  ResponseURL: 'https://cloudformation-custom-resource-response.example/response',
  StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/S/id',
  RequestId: 'request-1',
  LogicalResourceId: 'PasswordPolicy',
  ResourceType: 'Custom::AccountPasswordPolicy',
};

function createEvent(properties = PROPERTIES): CloudFormationCustomResourceEvent {
  return { ...COMMON, RequestType: 'Create', ResourceProperties: properties };
}

function updateEvent(physicalId: string, properties = PROPERTIES): CloudFormationCustomResourceEvent {
  return {
    ...COMMON,
    RequestType: 'Update',
    PhysicalResourceId: physicalId,
    ResourceProperties: properties,
    OldResourceProperties: { ...PROPERTIES, MinimumPasswordLength: '16' },
  };
}

function deleteEvent(physicalId: string, onDelete: string): CloudFormationCustomResourceEvent {
  return {
    ...COMMON,
    RequestType: 'Delete',
    PhysicalResourceId: physicalId,
    ResourceProperties: { ...PROPERTIES, OnDelete: onDelete },
  };
}

function noSuchEntity(): NoSuchEntityException {
  return new NoSuchEntityException({
    message: 'The Password Policy with domain name 111122223333 cannot be found.',
    $metadata: {},
  });
}

function throttled(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
}

/** Creates the resource against an account in the given state and returns its physical id. */
async function createdOver(existing: typeof EARLIER_POLICY | undefined): Promise<string> {
  if (existing) iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: existing });
  else iam.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
  iam.on(UpdateAccountPasswordPolicyCommand).resolves({});
  const response = await handler(createEvent());
  iam.reset();
  return response.PhysicalResourceId;
}

beforeEach(() => {
  iam.reset();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('password policy handler: create', () => {
  test('applies every setting from the resource properties', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await handler(createEvent());

    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0].args[0].input).toEqual(APPLIED);
  });

  test('records that the account had no policy before', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    const response = await handler(createEvent());

    expect(response.Data).toEqual({ PreviousPolicy: 'none' });
  });

  test('records the policy the account had before', async () => {
    iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: EARLIER_POLICY });
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    const response = await handler(createEvent());

    expect(JSON.parse(response.Data!.PreviousPolicy)).toEqual({
      MinimumPasswordLength: 8,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: true,
      RequireNumbers: true,
      RequireSymbols: false,
      AllowUsersToChangePassword: false,
      MaxPasswordAge: 180,
      PasswordReusePrevention: 3,
      HardExpiry: true,
    });
  });

  test('keeps the recorded previous policy within the 1 KB CloudFormation allows a physical id', async () => {
    const physicalId = await createdOver({ ...EARLIER_POLICY, MinimumPasswordLength: 128, MaxPasswordAge: 1095 });

    expect(Buffer.byteLength(physicalId)).toBeLessThanOrEqual(1024);
  });

  test('fails with a reason naming the step and the IAM error', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
    iam.on(UpdateAccountPasswordPolicyCommand).rejects(
      Object.assign(new Error('User is not authorized to perform iam:UpdateAccountPasswordPolicy'), {
        name: 'AccessDenied',
      }),
    );

    await expect(handler(createEvent())).rejects.toThrow(
      'Could not update the password policy: AccessDenied: ' +
        'User is not authorized to perform iam:UpdateAccountPasswordPolicy',
    );
  });

  test('fails instead of applying a property CloudFormation passed malformed', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await expect(handler(createEvent({ ...PROPERTIES, MinimumPasswordLength: 'fourteen' }))).rejects.toThrow(
      'Property MinimumPasswordLength is "fourteen"; expected a whole number.',
    );
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)).toHaveLength(0);
  });
});

describe('password policy handler: throttling', () => {
  test('retries a throttled update until it succeeds', async () => {
    jest.useFakeTimers();
    iam.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
    iam.on(UpdateAccountPasswordPolicyCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({});

    const done = handler(createEvent());
    await jest.runAllTimersAsync();
    await done;

    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)).toHaveLength(3);
  });

  test('gives up after six throttled attempts with a reason', async () => {
    jest.useFakeTimers();
    iam.on(GetAccountPasswordPolicyCommand).rejects(throttled());

    const done = handler(createEvent());
    const outcome = expect(done).rejects.toThrow(
      'Could not read the current password policy: Throttling: Rate exceeded',
    );
    await jest.runAllTimersAsync();
    await outcome;
    expect(iam.commandCalls(GetAccountPasswordPolicyCommand)).toHaveLength(6);
  });
});

describe('password policy handler: update', () => {
  test('applies the new settings', async () => {
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await handler(updateEvent('AccountPasswordPolicy/previous:none', { ...PROPERTIES, MaxPasswordAge: '60' }));

    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0].args[0].input).toEqual({
      ...APPLIED,
      MaxPasswordAge: 60,
    });
  });

  test('keeps the physical id, so the previous policy stays recorded', async () => {
    const physicalId = await createdOver(EARLIER_POLICY);
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    const response = await handler(updateEvent(physicalId));

    expect(response.PhysicalResourceId).toBe(physicalId);
  });

  test('is idempotent: the same update twice sends the same complete policy', async () => {
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await handler(updateEvent('AccountPasswordPolicy/previous:none'));
    await handler(updateEvent('AccountPasswordPolicy/previous:none'));

    const calls = iam.commandCalls(UpdateAccountPasswordPolicyCommand);
    expect(calls[1].args[0].input).toEqual(calls[0].args[0].input);
  });

  test('fails with a reason naming the step and the IAM error, and changes nothing else', async () => {
    iam.on(UpdateAccountPasswordPolicyCommand).rejects(
      Object.assign(new Error('The requested policy is malformed.'), { name: 'MalformedPolicyDocument' }),
    );

    await expect(handler(updateEvent('AccountPasswordPolicy/previous:none'))).rejects.toThrow(
      'Could not update the password policy: MalformedPolicyDocument: The requested policy is malformed.',
    );
    expect(iam.calls()).toHaveLength(1);
  });

  test('fails before calling IAM when CloudFormation passes a property malformed', async () => {
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await expect(
      handler(updateEvent('AccountPasswordPolicy/previous:none', { ...PROPERTIES, RequireSymbols: 'yes' })),
    ).rejects.toThrow('Property RequireSymbols is "yes"; expected true or false.');
    expect(iam.calls()).toHaveLength(0);
  });
});

describe('password policy handler: delete', () => {
  test('RETAIN leaves the policy alone', async () => {
    const physicalId = await createdOver(EARLIER_POLICY);

    await handler(deleteEvent(physicalId, 'Retain'));

    expect(iam.calls()).toHaveLength(0);
  });

  test('DELETE deletes the policy', async () => {
    const physicalId = await createdOver(EARLIER_POLICY);
    iam.on(DeleteAccountPasswordPolicyCommand).resolves({});

    await handler(deleteEvent(physicalId, 'Delete'));

    expect(iam.commandCalls(DeleteAccountPasswordPolicyCommand)).toHaveLength(1);
  });

  test('DELETE succeeds when the policy is already gone', async () => {
    const physicalId = await createdOver(undefined);
    iam.on(DeleteAccountPasswordPolicyCommand).rejects(noSuchEntity());

    await expect(handler(deleteEvent(physicalId, 'Delete'))).resolves.toEqual({ PhysicalResourceId: physicalId });
  });

  test('RESTORE_PREVIOUS puts back the policy the account had before', async () => {
    const physicalId = await createdOver(EARLIER_POLICY);
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await handler(deleteEvent(physicalId, 'RestorePrevious'));

    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0].args[0].input).toEqual({
      MinimumPasswordLength: 8,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: true,
      RequireNumbers: true,
      RequireSymbols: false,
      AllowUsersToChangePassword: false,
      MaxPasswordAge: 180,
      PasswordReusePrevention: 3,
      HardExpiry: true,
    });
  });

  test('RESTORE_PREVIOUS does not delete when there was a previous policy', async () => {
    const physicalId = await createdOver(EARLIER_POLICY);
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await handler(deleteEvent(physicalId, 'RestorePrevious'));

    expect(iam.commandCalls(DeleteAccountPasswordPolicyCommand)).toHaveLength(0);
  });

  test('RESTORE_PREVIOUS deletes the policy when the account had none before', async () => {
    const physicalId = await createdOver(undefined);
    iam.on(DeleteAccountPasswordPolicyCommand).resolves({});

    await handler(deleteEvent(physicalId, 'RestorePrevious'));

    expect(iam.commandCalls(DeleteAccountPasswordPolicyCommand)).toHaveLength(1);
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)).toHaveLength(0);
  });

  test('RESTORE_PREVIOUS restores a policy whose passwords never expired without a maximum age', async () => {
    const physicalId = await createdOver({ ...EARLIER_POLICY, ExpirePasswords: false });
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});

    await handler(deleteEvent(physicalId, 'RestorePrevious'));

    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0].args[0].input).not.toHaveProperty(
      'MaxPasswordAge',
    );
  });

  test('RESTORE_PREVIOUS fails with a reason when the physical id records nothing', async () => {
    await expect(handler(deleteEvent('something-else', 'RestorePrevious'))).rejects.toThrow(
      'Physical id "something-else" does not record the previous password policy',
    );
  });

  test('a failed delete reports the IAM error as the reason', async () => {
    iam.on(DeleteAccountPasswordPolicyCommand).rejects(
      Object.assign(new Error('Access denied'), { name: 'AccessDenied' }),
    );

    await expect(handler(deleteEvent('AccountPasswordPolicy/previous:none', 'Delete'))).rejects.toThrow(
      'Could not delete the password policy: AccessDenied: Access denied',
    );
  });
});
