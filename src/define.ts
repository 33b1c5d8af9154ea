/** Registers `<comment-box>` with the built-in backends. Import once for its side effect. */
import { CommentBoxElement } from './element/comment-box.js';
import './adapters/builtin.js';

CommentBoxElement.define();
