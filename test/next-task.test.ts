import { expect } from '@open-wc/testing';
import { nextTask } from '../src/next-task.js';

/** Lets every queued microtask run, as the end of a task would (a few rounds of them). */
async function flushMicrotasks() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('nextTask', () => {
  it('resolves in a later task, not in the microtasks of this one', async () => {
    let resolved = false;
    void nextTask().then(() => (resolved = true));
    await flushMicrotasks();
    expect(resolved).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resolved).to.equal(true);
  });

  it('resolves waits in the order they were asked for', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => nextTask().then(() => order.push(n))));
    expect(order).to.deep.equal([1, 2, 3, 4]);
  });
});
