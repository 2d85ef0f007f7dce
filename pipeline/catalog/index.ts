// The pipeline's data contract in one import: release, decision and catalogue schemas and their types.
export * from './changes.js';
export * from './codes.js';
export * from './decision.js';
export * from './identity.js';
export * from './optin.js';
export * from './release.js';
export * from './record.js';
export * from './review.js';
export * from './shard.js';
export * from './prices.js';
export * from './signals.js';
