/**
 * The HTTP API of comment-box-server, written once: the REST adapter (browser) and the server (Node)
 * both import it, so a request one side makes is one the other accepts. `comment-box/api`.
 */
export * from './admin.js';
