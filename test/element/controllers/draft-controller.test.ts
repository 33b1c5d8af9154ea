import { expect } from '@open-wc/testing';
import { DraftController } from '../../../src/element/controllers/draft-controller.js';
import { storageKeys } from '../../../src/storage.js';
import { FakeHost, fakeSource } from './fake-host.js';

describe('DraftController (without the element)', () => {
  beforeEach(() => localStorage.clear());
  after(() => localStorage.clear());

  it('restores the saved author details and the draft of its target when connected', () => {
    localStorage.setItem(
      storageKeys.author,
      JSON.stringify({ name: 'Ada', email: 'ada@example.org', url: 'https://ada.example/' }),
    );
    localStorage.setItem(storageKeys.draft('t', null), 'Half a thought');
    const host = new FakeHost();
    const draft = new DraftController(host, fakeSource());
    host.connect();
    expect(draft.values).to.deep.equal({
      content: 'Half a thought',
      name: 'Ada',
      email: 'ada@example.org',
      url: 'https://ada.example/',
    });
    expect(draft.saveDetails).to.equal(true);
  });

  it('keeps a draft per reply target, and a reset is a new submission', () => {
    const host = new FakeHost();
    const source = fakeSource();
    const draft = new DraftController(host, source);
    host.connect();
    draft.input('content', 'At the end');
    expect(localStorage.getItem(storageKeys.draft('t', null))).to.equal('At the end');
    expect(source.edits).to.equal(1);

    draft.setReplyTo('c1');
    expect(draft.replyTo).to.equal('c1');
    expect(draft.values.content).to.equal('');
    expect(source.resets).to.equal(1);
    draft.input('content', 'A reply');
    expect(localStorage.getItem(storageKeys.draft('t', 'c1'))).to.equal('A reply');

    draft.setReplyTo(null);
    expect(draft.values.content).to.equal('At the end');
    draft.input('content', '');
    expect(localStorage.getItem(storageKeys.draft('t', null))).to.equal(null);
  });

  it('does not validate the form for each render before a field is touched or a post is tried', () => {
    const draft = new DraftController(new FakeHost(), fakeSource());
    let validations = 0;
    const validation = draft.validation.bind(draft);
    draft.validation = () => (validations++, validation());
    draft.input('content', 'Typed, not left yet');
    expect(draft.visibleErrors()).to.deep.equal({});
    expect(validations).to.equal(0);
    draft.blur('content');
    draft.visibleErrors();
    expect(validations).to.equal(1);
  });

  it('shows a field error once touched and changed, or after a submit attempt', () => {
    const draft = new DraftController(new FakeHost(), fakeSource());
    expect(draft.visibleErrors()).to.deep.equal({});
    draft.input('email', 'not an email');
    expect(draft.visibleErrors().email).to.equal(undefined);
    draft.blur('email');
    expect(draft.visibleErrors().email).to.not.equal(undefined);
    expect(draft.visibleErrors().content).to.equal(undefined);
    draft.markSubmitted();
    expect(draft.visibleErrors().content).to.not.equal(undefined);
    draft.reset(null);
    expect(draft.visibleErrors()).to.deep.equal({});
  });

  it('shows a backend field error until that field changes', () => {
    const draft = new DraftController(new FakeHost(), fakeSource());
    draft.setServerErrors({ name: ['invalidText'] });
    draft.markSubmitted();
    draft.input('name', 'Ada');
    draft.input('content', 'Hello');
    draft.input('email', 'ada@example.org');
    expect(draft.serverErrors.name).to.equal(undefined);
  });

  it('saves the author details after a post only when asked, and forgets them when unchecked', () => {
    const host = new FakeHost();
    const draft = new DraftController(host, fakeSource());
    host.connect();
    draft.input('name', 'Ada');
    draft.input('content', 'Posted');
    draft.posted(null);
    expect(localStorage.getItem(storageKeys.author)).to.equal(null);
    expect(localStorage.getItem(storageKeys.draft('t', null))).to.equal(null);

    draft.setSaveDetails(true);
    draft.posted(null);
    expect(JSON.parse(localStorage.getItem(storageKeys.author)!)).to.deep.equal({ name: 'Ada', email: '', url: '' });
    draft.setSaveDetails(false);
    expect(localStorage.getItem(storageKeys.author)).to.equal(null);
  });

  it('sends notify only while checked and offered; without an email it is the email field’s error', () => {
    const source = { ...fakeSource(), requireNameEmail: false };
    const draft = new DraftController(new FakeHost(), source);
    draft.input('content', 'Hello');
    draft.setNotify(true);
    expect(source.edits, 'a changed draft is a new submission').to.equal(2);
    const notOffered = draft.validation();
    expect(notOffered.success && notOffered.data.notify, 'not offered: not sent').to.not.equal(true);

    source.notifications = true;
    expect(draft.validation()).to.deep.equal({ success: false, errors: { email: ['required'] } });
    draft.input('content', '');
    const both = draft.validation();
    expect(both.success ? {} : both.errors, 'said beside the other fields’ errors').to.deep.equal({
      content: ['required'],
      email: ['required'],
    });
    draft.input('content', 'Hello');
    draft.input('email', 'ada@example.org');
    const ok = draft.validation();
    expect(ok.success && ok.data.notify).to.equal(true);
    draft.setNotify(false);
    const off = draft.validation();
    expect(off.success && off.data.notify).to.not.equal(true);
  });

  it('keeps the notify box with its draft across reloads, per target, and forgets it once posted', () => {
    const host = new FakeHost();
    const draft = new DraftController(host, fakeSource());
    host.connect();
    draft.setNotify(true);
    const again = new DraftController(new FakeHost(), fakeSource());
    again.hostConnected();
    expect(again.notify, 'restored after a reload').to.equal(true);
    draft.setReplyTo('c1');
    expect(draft.notify, 'another target’s draft').to.equal(false);
    draft.setReplyTo(null);
    expect(draft.notify).to.equal(true);
    draft.posted(null);
    draft.reset(null);
    expect(draft.notify, 'unchecked after the post').to.equal(false);
    expect(localStorage.getItem(`${storageKeys.draft('t', null)}:notify`)).to.equal(null);
  });
});
