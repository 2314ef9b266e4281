import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends e-mail over SMTP (SMTP_URL, e.g. smtp://user:pass@host:587). Without
 * SMTP_URL (a local demo) messages are written to the data directory's outbox
 * log instead of being sent, so the demo never needs a mail server.
 */
export class Mailer {
  private transport: Transporter | null;
  readonly outbox: string | null;

  constructor(private config: Config) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
    this.outbox = config.SMTP_URL ? null : `${config.dataDir}/outbox.log`;
  }

  async send(msg: MailMessage): Promise<void> {
    if (this.transport) {
      await this.transport.sendMail({ from: this.config.MAIL_FROM, to: msg.to, subject: msg.subject, text: msg.text });
      return;
    }
    const outbox = this.outbox;
    if (!outbox) throw new Error('no SMTP transport and no outbox');
    const fs = await import('node:fs/promises');
    await fs.mkdir(this.config.dataDir, { recursive: true });
    await fs.appendFile(
      outbox,
      `--- ${new Date().toISOString()}\nTo: ${msg.to}\nSubject: ${msg.subject}\n\n${msg.text}\n`,
      { mode: 0o600 },
    );
  }
}
