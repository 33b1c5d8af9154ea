/** `npm run mail-sink`: the local SMTP sink a new user tries notifications with. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createTransport } from 'nodemailer';

describe('scripts/mail-sink.mjs', () => {
  let sink: ChildProcess;
  let output = '';
  let port = 0;

  before(async () => {
    sink = spawn(process.execPath, ['scripts/mail-sink.mjs', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    sink.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    sink.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!/listening on smtp:\/\/127\.0\.0\.1:(\d+)/.test(output)) {
      assert.ok(Date.now() < deadline, `the sink did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    port = Number(/127\.0\.0\.1:(\d+)/.exec(output)![1]);
  });
  after(() => {
    sink?.kill('SIGTERM');
  });

  it('accepts a message on 127.0.0.1 and prints its envelope, subject, unsubscribe headers and text', async () => {
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Comments <comments@localhost>',
      to: 'reader@localhost',
      subject: 'New reply on the demo',
      text: 'Open http://127.0.0.1:8787/notify/confirm?t=abc to confirm.',
      headers: {
        'List-Unsubscribe': '<http://127.0.0.1:8787/notify/unsubscribe?t=xyz>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    transport.close();
    const deadline = Date.now() + 10_000;
    while (!output.includes('to confirm.')) {
      assert.ok(Date.now() < deadline, `the message was not printed: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(output, /Envelope: comments@localhost → reader@localhost/);
    assert.match(output, /Subject: New reply on the demo/);
    assert.match(output, /List-Unsubscribe: <http:\/\/127\.0\.0\.1:8787\/notify\/unsubscribe\?t=xyz>/);
    assert.match(output, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    assert.match(output, /notify\/confirm\?t=abc/);
  });

  it('refuses a port that is not one, with exit code 2', async () => {
    const bad = spawn(process.execPath, ['scripts/mail-sink.mjs', '--port', 'nope'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let error = '';
    bad.stderr!.on('data', (chunk: Buffer) => (error += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => bad.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(error, /--port takes a port number, got "nope"/);
  });
});
