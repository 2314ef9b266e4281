import type { Config } from './platform/config.js';
import { Db } from './platform/db.js';
import { SessionStore } from './platform/session.js';
import { createViewEnv } from './platform/views.js';
import { deriveKey, loadMasterSecret } from './platform/secrets.js';
import { Mailer } from './platform/mail.js';
import { LogSmsSender, type SmsSender } from './platform/sms.js';
import { Jobs } from './platform/jobs.js';
import { buildSecretBox } from './platform/secret-box.js';

export interface DatabaseUrls {
  /** Owner connection: migrations, job queue, audit verification. */
  ownerUrl: string;
  /** Application connection; when absent the owner URL is used with SET ROLE to the app role. */
  appUrl?: string;
}

/** Builds every service the application needs, explicitly (no DI container). */
export function buildServices(config: Config, urls: DatabaseUrls) {
  const db = urls.appUrl ? new Db(urls.appUrl, null) : new Db(urls.ownerUrl, config.APP_DATABASE_ROLE);
  const master = loadMasterSecret(config.SECRET_KEY, config.dataDir);
  const sessions = new SessionStore(db, {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    secure: config.secure,
  });
  const mailer = new Mailer(config);
  const jobs = new Jobs(urls.ownerUrl, mailer);
  const sms: SmsSender = new LogSmsSender(config);
  return {
    config,
    db,
    ownerUrl: urls.ownerUrl,
    sessions,
    views: createViewEnv(),
    keys: {
      cookie: deriveKey(master, 'cookie'),
      lookup: deriveKey(master, 'lookup'),
      /** Signs offline outreach packages (binds one to its worker, trip and expiry). */
      outreach: deriveKey(master, 'outreach'),
    },
    /** Encrypts secrets at rest (TOTP secrets; later sensitive identifiers). */
    box: buildSecretBox(config.ENCRYPTION_KEYS, master),
    mailer,
    /** SMS of visits (confirmations, reminders): the development sender until a gateway is configured. */
    sms,
    jobs,
  };
}

export type Services = ReturnType<typeof buildServices>;
