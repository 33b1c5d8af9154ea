import { expect } from '@open-wc/testing';
import en from '../../src/i18n/translations/en.js';
import ja from '../../src/i18n/translations/ja.js';
import { $, $$, fill, mount, post, spyAdapter, text, type } from '../helpers.js';

const realSetItem = Storage.prototype.setItem;

/** Storage that refuses every write, as a full quota or a blocking privacy setting does. */
function refuseWrites(): void {
  Storage.prototype.setItem = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  Storage.prototype.setItem = realSetItem;
});

describe('<comment-box> with storage that throws', () => {
  it('says once, in a quiet note, that the draft is not kept, and still posts', async () => {
    refuseWrites();
    const { adapter, calls } = spyAdapter();
    const el = await mount(adapter);
    expect($(el, '[part="draft-note"]')).to.equal(null);
    await type(el, 'comment', 'Not kept');
    await type(el, 'comment', 'Not kept, still');
    expect($$(el, '[part="draft-note"]')).to.have.length(1);
    const note = $(el, '[part="draft-note"]')!;
    expect(text(note)).to.equal(en.draftNotSaved);
    expect(note.closest('[role="alert"], [aria-live="assertive"]')).to.equal(null);
    expect(text($(el, '[role="status"]'))).to.equal('');
    expect($(el, '#comment')!.getAttribute('aria-describedby')).to.equal('draft-note');
    await expect(el).to.be.accessible();

    await fill(el, 'Posted all the same');
    await post(el);
    expect(calls.create.map((c) => c.content)).to.deep.equal(['Posted all the same']);
    expect(text($(el, '[part="comment-body"]'))).to.equal('Posted all the same');
  });

  it('says it in the reader’s language', async () => {
    refuseWrites();
    const el = await mount(spyAdapter().adapter, { lang: 'ja' });
    await type(el, 'comment', '下書き');
    expect(text($(el, '[part="draft-note"]'))).to.equal(ja.draftNotSaved);
  });

  it('says nothing while storage keeps the draft', async () => {
    const el = await mount(spyAdapter().adapter);
    await type(el, 'comment', 'Kept');
    expect(localStorage.getItem('comment-box:v1:draft:t:top')).to.equal('Kept');
    expect($(el, '[part="draft-note"]')).to.equal(null);
    expect($(el, '#comment')!.hasAttribute('aria-describedby')).to.equal(false);
  });
});
