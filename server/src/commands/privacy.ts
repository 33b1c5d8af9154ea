/**
 * `comment-box-server privacy export EMAIL` and `privacy erase EMAIL --mode anonymize|delete`:
 * requests under GDPR Articles 15 (access) and 17 (erasure). See docs/import-export.md.
 */
import { exportedComments } from '../import/export.js';
import { commentLine, FOOTER } from '../import/comment-box-json.js';
import { PrivacyStore, storedEmail, type EraseMode } from '../store/privacy-store.js';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, usage, DATABASE_HELP, UsageError, withStore, type Command } from './database.js';

export const PRIVACY_HELP = `Usage: comment-box-server privacy export EMAIL > data.json
       comment-box-server privacy erase EMAIL --mode anonymize|delete

export  Everything stored about an email address: its comments with every field (name, email,
        website, IP address, user agent, dates, statuses, edit history), as JSON (the comment-box
        export format with a "subject"), and what notifications keep ("notifications": whether it
        confirmed, its subscriptions, the emails sent or to send to it).
erase   anonymize: keep the comments, empty their name, email, website, IP address and user agent.
        delete: remove the comments; one with replies stays as a placeholder ("deleted"), without
        text or author. Public pages and caches change at once.
        Either way its notification subscriptions, confirmation and emails are removed.

Options:
  --mode <mode>           anonymize | delete (erase: required)
${DATABASE_HELP}`;

export const runPrivacy: Command = async (argv, env, io) => {
  const { values: f, positionals } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { ...COMMON_OPTIONS, ...{ mode: { type: 'string' } } },
    }),
  );
  if (f.help) {
    await io.out(PRIVACY_HELP);
    return 0;
  }
  const [action, email, ...rest] = positionals;
  if ((action !== 'export' && action !== 'erase') || !email || rest.length > 0) {
    throw new UsageError('privacy takes export EMAIL or erase EMAIL --mode anonymize|delete');
  }
  const address = storedEmail(email);
  if (!address.includes('@')) throw new UsageError('EMAIL must be an email address');
  if (action === 'export') {
    if (f.mode) throw new UsageError('--mode is for erase');
    return withStore(f, env, async (store) => {
      const notifications = await new PrivacyStore(store).notificationData(address);
      await io.out(
        `{"format":"comment-box","version":1,"subject":${JSON.stringify({ email: address })},"notifications":${JSON.stringify(notifications)},"comments":[\n`,
      );
      let n = 0;
      for await (const comment of exportedComments(store, { email: address })) {
        await io.out(`${n === 0 ? '' : ',\n'}${commentLine(comment)}`);
        n++;
      }
      await io.out(`${n === 0 ? '' : '\n'}${FOOTER}\n`);
      io.err(`${n.toLocaleString('en')} comments stored with this address.\n`);
      return 0;
    });
  }
  const mode = f.mode as EraseMode | undefined;
  if (mode !== 'anonymize' && mode !== 'delete') throw new UsageError('erase needs --mode anonymize or --mode delete');
  return withStore(f, env, async (store) => {
    const result = await new PrivacyStore(store).erase(address, mode);
    const n = (x: number) => x.toLocaleString('en');
    await io.out(
      (mode === 'anonymize'
        ? `Anonymized ${n(result.anonymized)} comments in ${n(result.threads.length)} threads.\n`
        : `Deleted ${n(result.deleted)} comments; ${n(result.placeholders)} with replies kept as placeholders; in ${n(result.threads.length)} threads.\n`) +
        `Removed ${n(result.subscriptions ?? 0)} notification subscriptions and ${n(result.emails ?? 0)} emails.\n`,
    );
    return 0;
  });
};
