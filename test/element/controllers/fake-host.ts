/**
 * A fake ReactiveControllerHost for controller tests: an EventTarget (controllers dispatch the
 * element's events on it) that counts requested updates and runs its controllers' lifecycle on demand.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createMemoryAdapter } from '../../../src/adapters/memory.js';
import type { CommentAdapter } from '../../../src/adapters/types.js';
import en from '../../../src/i18n/translations/en.js';
import type { Comment } from '../../../src/schema.js';

export class FakeHost extends EventTarget implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

/** What the element tells its controllers, as plain data; `announced` keeps what was said. */
export function fakeSource(adapter: CommentAdapter | undefined = createMemoryAdapter()) {
  const announced: string[] = [];
  return {
    thread: 't',
    adapter,
    backend: 'memory',
    timeout: 1000,
    pageSize: 2,
    order: 'asc' as const,
    closed: false,
    requireNameEmail: true,
    /** The backend's latest page said it can email replies. */
    notifications: false,
    translation: en,
    lang: 'en',
    focusAfterRender: null as string | null,
    announced,
    announce: (text: string) => void announced.push(text),
    edits: 0,
    resets: 0,
    onEdit() {
      this.edits++;
    },
    onReset() {
      this.resets++;
    },
  };
}

/** A stored comment, as a backend returns it. */
export function stored(id: string, parentId: string | null = null, minute = 0): Comment {
  return {
    id,
    parentId,
    authorName: `Author ${id}`,
    authorUrl: null,
    avatarSeed: id,
    content: `Comment ${id}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
    status: 'approved',
  };
}
