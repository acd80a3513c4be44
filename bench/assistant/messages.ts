import type { Labelled } from './labelled.ts';
import { DE_MESSAGES } from './messages.de.ts';
import { EN_MESSAGES } from './messages.en.ts';
import { ES_MESSAGES } from './messages.es.ts';
import { EXTRA_MESSAGES } from './messages.extra.ts';
import { FR_MESSAGES } from './messages.fr.ts';
import { HELD_OUT_1 } from './messages.held-out-1.ts';
import { HELD_OUT_2 } from './messages.held-out-2.ts';
import { IT_MESSAGES } from './messages.it.ts';

/** The main labelled set (issue 13 item 7): the engine was written and tuned against it (the first two held-out sets included, since it was tuned on them). */
export const LABELLED: Labelled[] = [...EN_MESSAGES, ...FR_MESSAGES, ...DE_MESSAGES, ...ES_MESSAGES, ...IT_MESSAGES, ...EXTRA_MESSAGES, ...HELD_OUT_1, ...HELD_OUT_2];
