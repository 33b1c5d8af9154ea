// A local SMTP sink for trying email notifications from a clone: listens on 127.0.0.1 (port 2525,
// or --port N; 0 picks a free one), accepts every message (no authentication, no TLS: loopback only)
// and prints each one: its envelope, subject, the List-Unsubscribe headers and the plain-text part,
// where the confirmation, unsubscribe and one-tap moderation links are. Nothing is relayed anywhere.
//
//   npm run mail-sink
//   npm start -- --smtp-url smtp://127.0.0.1:2525 --mail-from 'Comments <comments@localhost>' \
//     --notify-email owner@localhost --moderation first-time
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const { values } = parseArgs({ options: { port: { type: 'string', default: '2525' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mail-sink: --port takes a port number, got "${values.port}"`);
  process.exit(2);
}

const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    // The envelope as this message had it: the session's is reset once the message is answered.
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '?';
    const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', async () => {
      callback();
      const mail = await simpleParser(Buffer.concat(chunks));
      const header = (name) => mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ');
      const lines = [
        `── message ${new Date().toISOString()} ──`,
        `Envelope: ${from} → ${to}`,
        `Subject: ${mail.subject ?? ''}`,
        header('list-unsubscribe'),
        header('list-unsubscribe-post'),
        '',
        (mail.text ?? '(no plain-text part)').trimEnd(),
        '',
      ];
      console.log(lines.filter((line) => line !== undefined).join('\n'));
    });
  },
});
sink.on('error', (error) => console.error(`mail-sink: ${error.message}`));
sink.listen(port, '127.0.0.1', () => {
  console.log(`mail-sink: listening on smtp://127.0.0.1:${sink.server.address().port} (Ctrl+C stops it)`);
});
const stop = () => sink.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
