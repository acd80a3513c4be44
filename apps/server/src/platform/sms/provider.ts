/** One SMS to send: the recipient in E.164 and the full text. */
export interface SmsToSend {
  id: string;
  to: string;
  body: string;
}

/** SS-6: every provider behind one interface; `send` answers the provider's message id. */
export interface SmsProvider {
  readonly name: 'twilio' | 'webhook' | 'outbox';
  send(sms: SmsToSend): Promise<{ providerId: string | null }>;
}

/** A provider refused or failed; `retryable` for 429/5xx and network trouble. */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly providerCode?: string | number,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}

/** The console "SMS outbox": nothing leaves; technicians read the message in the console. */
export const outboxProvider: SmsProvider = {
  name: 'outbox',
  send: () => Promise.resolve({ providerId: null }),
};
