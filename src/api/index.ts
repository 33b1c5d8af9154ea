/**
 * The HTTP API of comment-box-server, written once: the REST adapter (browser) and the server (Node)
 * both import it, so a request one side makes is one the other accepts. `comment-box/api`.
 * (Browser code imports the module it needs, `api/comments.js` and so on, so that a bundle holds
 * only the shapes it uses.)
 */
export * from './comments.js';
export * from './requests.js';
export * from './errors.js';
export * from './counts.js';
export * from './live.js';
export * from './admin.js';
export * from './admin-data.js';
export * from './notifications.js';
