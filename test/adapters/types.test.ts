import { expect } from '@open-wc/testing';
import { CommentAdapterError, type FieldErrors } from '../../src/adapters/types.js';

describe('CommentAdapterError: field errors from a backend', () => {
  it('keeps known keys, makes unknown keys invalidType and unknown fields the form’s', () => {
    // As JSON.parse makes it: "__proto__" is an own key, not the prototype.
    const fromServer = JSON.parse(
      '{"content":["tooLong","bogus","constructor"],"email":"invalidEmail","title":["required"],"__proto__":["polluted"],"parentId":[]}',
    ) as FieldErrors;
    const error = new CommentAdapterError('invalid', 'bad', { fields: fromServer });
    expect(error.fields).to.deep.equal({
      content: ['tooLong', 'invalidType'],
      email: ['invalidEmail'],
      form: ['required', 'invalidType'],
    });
    expect(Object.getPrototypeOf(error.fields)).to.equal(Object.prototype);
  });

  it('has no field errors when a backend sends none or something else', () => {
    expect(new CommentAdapterError('invalid').fields).to.deep.equal({});
    expect(
      new CommentAdapterError('invalid', 'x', { fields: 'content' as unknown as FieldErrors }).fields,
    ).to.deep.equal({});
  });
});
