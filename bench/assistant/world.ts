import type { CataloguePackage, EngineDevice } from '../../apps/server/src/features/assistant/engine/engine.types.ts';
import { STARTER_PACKAGES } from '../../apps/server/src/features/software/starter-packages.ts';

/** The scoring world: a catalogue of every starter package (id = starter key, with its aliases) and a contact's two devices. */
export const CATALOGUE: CataloguePackage[] = STARTER_PACKAGES.map((p) => ({ id: p.key, name: p.name, aliases: p.aliases }));

export const DEVICES: Record<'laptop' | 'desktop', EngineDevice> = {
  laptop: { id: 'device-laptop', name: 'LAPTOP-MARTA', os: 'Windows 11' },
  desktop: { id: 'device-desktop', name: 'WS-RECEPTION-02', os: 'Windows 10' },
};
