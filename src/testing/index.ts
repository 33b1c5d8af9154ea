/** Test helpers for adapter authors: `import { runAdapterContract } from 'comment-box/testing'`. */
export { runAdapterContract, sampleDraft, type ContractHooks, type ContractOptions } from './adapter-contract.js';
