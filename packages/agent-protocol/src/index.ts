/**
 * @porta/agent-protocol: the only code the Porta agent and the server share (SS-1, SS-8).
 * Schemas and constants only (runs anywhere); signing lives in `@porta/agent-protocol/sign`.
 */
export * from './constants.ts';
export * from './canonical.ts';
export * from './patterns.ts';
export * from './inventory.ts';
export * from './commands.ts';
export * from './messages.ts';
export { helloBytes } from './hello.ts';
