import type { AssistantAction, AssistantIntent } from '@porta/contracts/assistant';
import type { Language } from '@porta/contracts/common';

/** A software catalogue entry as the engines see it (SS-5): only what a contact may ask for. */
export interface CataloguePackage {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** One of the contact's own devices, as the engines see it. */
export interface EngineDevice {
  id: string;
  name: string;
  os: string;
}

export interface UnderstandInput {
  text: string;
  lang: Language;
  catalogue: readonly CataloguePackage[];
  devices: readonly EngineDevice[];
}

/**
 * What the built-in engine understood from one message (AI-5a). Pure: no I/O, no tenant data
 * beyond what the input carries. The service turns it into tool calls through the same
 * self-service, ticket and KB services as the portal.
 */
export interface Understanding {
  intent: AssistantIntent;
  action?: AssistantAction;
  /** install: the catalogue package meant, or null when the product named is not in the catalogue. */
  packageId?: string | null;
  /** install: the product as the contact named it, for "X is not in the catalogue". */
  productName?: string | null;
  /** kb: what to search the knowledge base with (the symptom words). */
  kbQuery?: string;
  /** A device the message names (hostname or device name), if any. */
  deviceId?: string | null;
  /** ticket: why a person is needed. */
  reason?: 'person' | 'damage' | 'other';
}
