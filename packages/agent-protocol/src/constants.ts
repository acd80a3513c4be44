/** Version of the agent wire protocol; `hello.protocol` and `payload.v` carry it. */
export const PROTOCOL_VERSION = 1 as const;

/** Paths on the Porta server. Enrolment is HTTPS (plain HTTP only for localhost and tests). */
export const ENROL_PATH = '/api/v1/agent/enrol';
export const CONNECT_PATH = '/api/v1/agent/connect';

/** Largest WebSocket text frame either side accepts (bytes); bigger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Largest enrolment request body (bytes). */
export const MAX_ENROL_BODY_BYTES = 64 * 1024;

/** A command lives at most this long: expiresAt - issuedAt must not exceed it. */
export const MAX_COMMAND_LIFETIME_MS = 10 * 60 * 1000;
/** Agent heartbeat period; the server considers a silent agent gone after ~3 periods. */
export const HEARTBEAT_INTERVAL_MS = 30 * 1000;
/** The agent re-sends its inventory at least this often (and whenever it changes). */
export const INVENTORY_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** The server closes a socket that has not sent a valid hello this long after the challenge. */
export const HELLO_TIMEOUT_MS = 10 * 1000;
/** Longest `detail` text in a status message. */
export const MAX_STATUS_DETAIL = 2000;

/**
 * WebSocket close codes (4000-4999 are application codes).
 * - UNAUTHORIZED: unknown or revoked device, bad hello signature. The agent retries a few
 *   times (a revocation may be a mistake being undone, a restore may race) and then stops.
 * - BAD_MESSAGE: a frame that is not JSON or not a member of the message union.
 * - REPLACED: the same device connected again; the older socket is closed.
 * - HELLO_TIMEOUT: no hello in time after the challenge.
 * - SERVER_SHUTDOWN: the node is stopping; reconnect (with backoff) to another node.
 * - MESSAGE_TOO_BIG: standard 1009.
 */
export const CLOSE_CODES = {
  UNAUTHORIZED: 4401,
  BAD_MESSAGE: 4400,
  REPLACED: 4409,
  HELLO_TIMEOUT: 4408,
  SERVER_SHUTDOWN: 1012,
  MESSAGE_TOO_BIG: 1009,
} as const;

/** Domain-separation prefix of the hello signature (see `helloBytes`). */
export const HELLO_PREFIX = 'porta-agent-hello';
