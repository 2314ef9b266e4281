import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config } from './config.js';

/** A short text message to a Ukrainian mobile number (+380XXXXXXXXX). */
export interface SmsMessage {
  to: string;
  text: string;
}

/**
 * Sends SMS. The platform talks only to this interface; a hromada's gateway (an operator's HTTP API) is one more
 * implementation. Until one is configured, messages are written to the data directory's `sms-outbox.log` — the
 * development sender, so a demo and the tests need no gateway and nothing leaves the machine.
 */
export interface SmsSender {
  send(msg: SmsMessage): Promise<void>;
}

/** The development sender: appends each message to `sms-outbox.log` in the data directory (readable by its owner only). */
export class LogSmsSender implements SmsSender {
  readonly outbox: string;
  constructor(config: Pick<Config, 'dataDir'>) {
    this.outbox = `${config.dataDir}/sms-outbox.log`;
  }

  async send(msg: SmsMessage): Promise<void> {
    await mkdir(dirname(this.outbox), { recursive: true });
    await appendFile(this.outbox, `--- ${new Date().toISOString()}\nTo: ${msg.to}\n\n${msg.text}\n`, {
      mode: 0o600,
    });
  }
}
