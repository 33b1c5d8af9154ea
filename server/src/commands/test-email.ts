/**
 * `comment-box-server test-email ADDR`: sends one test email now, with the server's SMTP settings
 * (`--smtp-url`, `--mail-from`, as flags or environment), and prints the SMTP server's answer; exit
 * 1 with its error when it fails (2 for a usage error). Needs no database.
 */
import { parseArgs } from 'node:util';
import { notifySettings } from '../config.js';
import { Mailer } from '../notify/mailer.js';
import { renderTestEmail } from '../notify/index.js';
import { cleanError } from '../notify/outbox.js';
import { usage, UsageError, type Command } from './database.js';

export const TEST_EMAIL_HELP = `Usage: comment-box-server test-email ADDR [options]

Sends one test email to ADDR now, with the SMTP settings the server uses, and prints the SMTP
server's answer (exit 0), or its error (exit 1).

Options (environment variable in brackets; flags win):
  --smtp-url <url>        SMTP server, e.g. smtps://user:pass@mail.example:465 [COMMENT_BOX_SMTP_URL]
  --mail-from <addr>      From of the email [COMMENT_BOX_MAIL_FROM]
  --site-name <name>      The site's name in the subject [COMMENT_BOX_SITE_NAME]
  --public-url <url>      Where readers reach the server [COMMENT_BOX_PUBLIC_URL]
  -h, --help              Show this help
`;

export const runTestEmail: Command = async (argv, env, io) => {
  const { values: f, positionals } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        'smtp-url': { type: 'string' },
        'mail-from': { type: 'string' },
        'site-name': { type: 'string' },
        'public-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (f.help) {
    await io.out(TEST_EMAIL_HELP);
    return 0;
  }
  const [to, ...rest] = positionals;
  if (!to || rest.length > 0) throw new UsageError('test-email takes one address: test-email ADDR');
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) throw new UsageError('ADDR must be an email address');
  const settings = notifySettings(f, env);
  if (!settings.smtpUrl) {
    throw new UsageError('no SMTP server: set --smtp-url or COMMENT_BOX_SMTP_URL (and --mail-from)');
  }
  let site = settings.siteName;
  if (!site) site = settings.publicUrl ? new URL(settings.publicUrl).host : 'comment-box';
  const mailer = new Mailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom });
  try {
    const sent = await mailer.send(renderTestEmail(to, site));
    await io.out(`Sent. The SMTP server answered: ${sent.response}\n`);
    return 0;
  } catch (error) {
    io.err(`comment-box-server test-email: not sent: ${cleanError(error)}\n`);
    return 1;
  } finally {
    mailer.close();
  }
};
