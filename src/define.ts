/** Registers `<comment-box>` with the built-in backends. Import once for its side effect. */
import { CommentBoxElement } from './comment-box.js';
import './adapters/builtin.js';
import './translations/en.js';

CommentBoxElement.define();
