// The adapter contract lives in src/testing so that it ships with the package (`comment-box/testing`).
export * from '../../src/testing/adapter-contract.js';
