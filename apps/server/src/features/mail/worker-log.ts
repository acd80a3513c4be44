/** The slice of pino the worker, receiver and poller use (Fastify's logger, or a silent one in tests). */
export interface WorkerLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLog: WorkerLog = { debug() {}, info() {}, warn() {}, error() {} };
