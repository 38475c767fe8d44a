import * as fs from 'fs';
import * as path from 'path';
import { adapted, adminGrantToUser, corpus, iamUser, readBy, roleSession, writeBy } from './records';
import {
  correlate,
  correlateAndApply,
  DEFAULT_WINDOW_SECONDS,
  GrantedThenUsedAlert,
} from '../../src/investigation/grant-correlation';
import { MemoryWatchStore } from '../../src/investigation/memory-watch-store';

const DAY = { windowSeconds: DEFAULT_WINDOW_SECONDS };

/** Runs records in order through one in-memory store, as replay does; returns the alerts. */
async function run(records: any[], options = DAY): Promise<GrantedThenUsedAlert[]> {
  const store = new MemoryWatchStore();
  const alerts: GrantedThenUsedAlert[] = [];
  for (const record of records) {
    store.advanceToRecord(record);
    alerts.push(...(await correlateAndApply(store, record, options)));
  }
  return alerts;
}

const GRANTEE = 'svc-etl-runner';
const GRANT_TIME = '2025-04-10T18:24:58Z';

describe('granted-then-used correlation', () => {
  test('alerts on the grantee\'s first write inside the window, naming the grant', async () => {
    const alerts = await run([
      corpus('admin-policy-grant__attach-user-policy-administratoraccess.json'),
      writeBy(iamUser(GRANTEE), '2025-04-10T19:24:58Z'),
    ]);
    expect(alerts).toEqual([expect.objectContaining({
      kind: 'FIRST_USE',
      principal: `user#111122223333#${GRANTEE}`,
      secondsAfterGrant: 3600,
      grant: expect.objectContaining({
        eventName: 'AttachUserPolicy',
        policy: 'arn:aws:iam::aws:policy/AdministratorAccess',
        grantedBy: 'arn:aws:iam::111122223333:user/it-admin-legacy',
      }),
    })]);
  });

  test('alerts once per grant: later writes in the window stay silent', async () => {
    const alerts = await run([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z', 'first'),
      writeBy(iamUser(GRANTEE), '2025-04-10T19:05:00Z', 'second'),
    ]);
    expect(alerts.map((a) => a.action.eventTime)).toEqual(['2025-04-10T19:00:00Z']);
  });

  test('stays silent for a write after the window', async () => {
    const alerts = await run([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), '2025-04-11T18:25:00Z'),
    ]);
    expect(alerts).toEqual([]);
  });

  test('honours a shorter window', async () => {
    const records = [adminGrantToUser(GRANTEE, GRANT_TIME), writeBy(iamUser(GRANTEE), '2025-04-10T20:00:00Z')];
    expect(await run(records, { windowSeconds: 3600 })).toEqual([]);
    expect(await run(records, { windowSeconds: 7200 })).toHaveLength(1);
  });

  test('stays silent for a write without a preceding grant', async () => {
    expect(await run([writeBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z')])).toEqual([]);
  });

  test('stays silent for a write that happened before the grant', async () => {
    const alerts = await run([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), '2025-04-10T18:00:00Z'),
    ]);
    expect(alerts).toEqual([]);
  });

  test('stays silent for read-only calls of the grantee', async () => {
    const alerts = await run([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      readBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z'),
    ]);
    expect(alerts).toEqual([]);
  });

  test('stays silent for writes of other principals', async () => {
    const alerts = await run([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser('someone-else'), '2025-04-10T19:00:00Z'),
    ]);
    expect(alerts).toEqual([]);
  });

  test('does not take the grant for a use when a user grants itself', async () => {
    const selfGrant = adminGrantToUser('it-admin-legacy', GRANT_TIME);
    expect(await run([selfGrant])).toEqual([]);
  });

  test('ignores a grant that failed', async () => {
    const failed = adminGrantToUser(GRANTEE, GRANT_TIME);
    failed.errorCode = 'AccessDenied';
    expect(await run([failed, writeBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z')])).toEqual([]);
  });

  test('ignores managed policies that are not full privileges', async () => {
    const readOnly = adapted('attach-user-policy__readonlyaccess-by-assumed-role.json', GRANT_TIME, (r) => {
      r.requestParameters.userName = GRANTEE;
    });
    expect(await run([readOnly, writeBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z')])).toEqual([]);
  });

  test('watches every session of a role granted AdministratorAccess', async () => {
    const alerts = await run([
      corpus('admin-policy-grant__attach-role-policy-administratoraccess.json'),
      writeBy(roleSession('external-audit-role', 'vendor'), '2025-04-17T14:00:00Z'),
    ]);
    expect(alerts.map((a) => a.principal)).toEqual(['role#111122223333#external-audit-role']);
  });

  test('watches a user granted a full-privilege inline policy (judged by the policy analyzer)', async () => {
    const alerts = await run([
      corpus('admin-policy-grant__put-user-policy-action-star-array-console.json'),
      writeBy(iamUser('mallory-shadow'), '2025-04-21T23:40:00Z'),
    ]);
    expect(alerts.map((a) => a.grant.policy)).toEqual(['break-glass']);
  });

  test('does not watch a user given a deny-all quarantine policy', async () => {
    const quarantine = corpus('put-user-policy__deny-all-quarantine.json');
    const user = quarantine.requestParameters.userName;
    const later = new Date(Date.parse(quarantine.eventTime) + 60_000).toISOString();
    expect(await run([quarantine, writeBy(iamUser(user), later)])).toEqual([]);
  });

  describe('group grants', () => {
    const groupGrant = () => adapted('attach-group-policy__readonlyaccess.json', '2025-04-16T14:12:17Z', (r) => {
      r.requestParameters.policyArn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    });
    const addUser = (userName: string, eventTime: string) =>
      adapted('iam-persistence__create-user.json', eventTime, (r) => {
        r.eventName = 'AddUserToGroup';
        r.requestParameters = { groupName: 'Auditors', userName };
        r.responseElements = null;
      });

    test('alerts when a user is added to the group inside the window', async () => {
      const alerts = await run([groupGrant(), addUser('eve', '2025-04-16T15:00:00Z')]);
      expect(alerts.map((a) => [a.kind, a.principal])).toEqual([['MEMBER_ADDED', 'group#111122223333#Auditors']]);
    });

    test('then watches the added user until the group\'s window ends', async () => {
      const alerts = await run([
        groupGrant(),
        addUser('eve', '2025-04-16T15:00:00Z'),
        writeBy(iamUser('eve'), '2025-04-16T16:00:00Z'),
      ]);
      expect(alerts[1]).toMatchObject({
        kind: 'FIRST_USE',
        principal: 'user#111122223333#eve',
        grant: { viaGroup: 'group#111122223333#Auditors' },
      });
    });

    test('stays silent for additions after the window', async () => {
      expect(await run([groupGrant(), addUser('eve', '2025-04-17T14:12:18Z')])).toEqual([]);
    });
  });

  describe('state', () => {
    test('a grant is a watch change whose TTL is the end of the window', async () => {
      const store = new MemoryWatchStore();
      const { changes } = await correlate(store, adminGrantToUser(GRANTEE, GRANT_TIME), { windowSeconds: 3600 });
      expect(changes).toEqual([{
        kind: 'watch',
        watch: expect.objectContaining({
          principal: `user#111122223333#${GRANTEE}`,
          expiresAt: Date.parse(GRANT_TIME) / 1000 + 3600,
        }),
      }]);
    });

    test('correlate reads the store but does not change it', async () => {
      const store = new MemoryWatchStore();
      await correlate(store, adminGrantToUser(GRANTEE, GRANT_TIME), DAY);
      expect(store.size).toBe(0);
    });

    test('the in-memory store drops a watch once its TTL has passed', async () => {
      const store = new MemoryWatchStore();
      store.advanceToRecord(adminGrantToUser(GRANTEE, GRANT_TIME));
      await correlateAndApply(store, adminGrantToUser(GRANTEE, GRANT_TIME), { windowSeconds: 60 });
      expect(store.size).toBe(1);
      store.advanceTo(Date.parse(GRANT_TIME) / 1000 + 61);
      expect(store.size).toBe(0);
    });

    test('a watch that DynamoDB has not yet deleted is still not used after its window', async () => {
      const store = new MemoryWatchStore();
      await correlateAndApply(store, adminGrantToUser(GRANTEE, GRANT_TIME), { windowSeconds: 60 });
      // The store's time stays at 0, so the expired item is still there, as with lazy TTL.
      const { alerts } = await correlate(store, writeBy(iamUser(GRANTEE), '2025-04-10T18:30:00Z'), DAY);
      expect(alerts).toEqual([]);
    });

    test('a new grant starts the window again and re-arms the alert', async () => {
      const alerts = await run([
        adminGrantToUser(GRANTEE, GRANT_TIME),
        writeBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z', 'a'),
        adminGrantToUser(GRANTEE, '2025-04-12T10:00:00Z'),
        writeBy(iamUser(GRANTEE), '2025-04-12T11:00:00Z', 'b'),
      ]);
      expect(alerts.map((a) => a.grant.eventTime)).toEqual([GRANT_TIME, '2025-04-12T10:00:00Z']);
    });

    test('drops an alert another run already marked', async () => {
      const store = new MemoryWatchStore();
      await correlateAndApply(store, adminGrantToUser(GRANTEE, GRANT_TIME), DAY);
      const write = writeBy(iamUser(GRANTEE), '2025-04-10T19:00:00Z');
      const pending = await correlate(store, write, DAY);
      await store.markAlerted(`user#111122223333#${GRANTEE}`, 'elsewhere');
      expect(pending.alerts).toHaveLength(1);
      expect(await correlateAndApply(store, write, DAY)).toEqual([]);
    });
  });

  test('on the investigation sequence, reports the key user A made for user B, 5 minutes after the grant', async () => {
    const lines = fs.readFileSync(path.join(__dirname, 'fixtures', 'grant-key-chain.jsonl'), 'utf8').trim().split('\n');
    const records = lines.map((line) => JSON.parse(line)).sort((a, b) => (a.eventTime < b.eventTime ? -1 : 1));
    const alerts = await run(records);
    expect(alerts.map((a) => [a.principal, a.action.eventName, a.secondsAfterGrant])).toEqual([
      ['user#111122223333#dev-alice', 'CreateAccessKey', 300],
    ]);
  });
});
