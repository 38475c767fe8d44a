import * as fs from 'fs';
import * as path from 'path';
import { CORPUS_DIR } from '../support/corpus';

/** A fresh copy of a corpus record. */
export function corpus(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8'));
}

/** A corpus record adapted: changes applied to a copy, eventTime and eventID set. */
export function adapted(file: string, eventTime: string, change: (record: any) => void = () => undefined): any {
  const record = corpus(file);
  record.eventTime = eventTime;
  record.eventID = `${file.split('__')[0]}-${eventTime}`;
  change(record);
  return record;
}

/** The identity of IAM user `name` of account 111122223333 signing with `accessKeyId`. */
export function iamUser(name: string, accessKeyId = 'AKIAS6PQW2LEXAMPLE99'): any {
  return {
    type: 'IAMUser',
    principalId: `AIDA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
    arn: `arn:aws:iam::111122223333:user/${name}`,
    accountId: '111122223333',
    accessKeyId,
    userName: name,
  };
}

/** A session of role `role` of account 111122223333. */
export function roleSession(role: string, session = 'ops'): any {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${session}`,
    arn: `arn:aws:sts::111122223333:assumed-role/${role}/${session}`,
    accountId: '111122223333',
    accessKeyId: 'ASIAEXAMPLE0000001',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: `arn:aws:iam::111122223333:role/${role}`,
        accountId: '111122223333',
        userName: role,
      },
    },
  };
}

/** A write call (CreateUser from the corpus) made by `identity` at `eventTime`. */
export function writeBy(identity: any, eventTime: string, userName = 'new-user'): any {
  return adapted('iam-persistence__create-user.json', eventTime, (r) => {
    r.userIdentity = identity;
    r.requestParameters.userName = userName;
    r.responseElements.user.userName = userName;
    r.responseElements.user.arn = `arn:aws:iam::111122223333:user/${userName}`;
  });
}

/** A read-only call (GetCallerIdentity from the corpus) made by `identity`. */
export function readBy(identity: any, eventTime: string): any {
  return adapted('benign__get-caller-identity.json', eventTime, (r) => {
    r.userIdentity = identity;
  });
}

/** AdministratorAccess attached to user `userName` (corpus grant, adapted). */
export function adminGrantToUser(userName: string, eventTime: string): any {
  return adapted('admin-policy-grant__attach-user-policy-administratoraccess.json', eventTime, (r) => {
    r.requestParameters.userName = userName;
  });
}
