/** One channel for every wait: a `MessageChannel` costs far more to make than a message to send. */
let channel: MessageChannel | undefined;
/** Who waits, in the order their messages were sent (a channel delivers in order). */
const waiting: Array<() => void> = [];

/**
 * Resolves in a task of its own, after the tasks already queued: long work split with it lets the
 * browser paint and answer input between the parts. A message rather than `setTimeout`, which
 * browsers delay by 4 ms once timers nest.
 */
export function nextTask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const message = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    message.postMessage(null);
  });
}
