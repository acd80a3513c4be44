/** The agent's version, reported in hello and inventory. Bump with releases. */
export const AGENT_VERSION = '0.1.0';
