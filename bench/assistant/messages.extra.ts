import { type Labelled, set } from './labelled.ts';

const en = set('en');
const fr = set('fr');
const de = set('de');
const es = set('es');
const it = set('it');

/** A second batch of the labelled set, in every language: longer and messier phrasings. */
export const EXTRA_MESSAGES: Labelled[] = [
  en('Good morning! My computer has been acting weird since yesterday, could you give it a reboot?', 'action:restart', 'symptom-request'),
  en('I keep getting logged out of Teams', 'kb', 'confusable'),
  en('Why does my PC restart during the night?', 'kb', 'confusable'),
  en('Can you get me Microsoft Teams?', 'install:teams', 'install'),
  en('I need the Spotify app installed', 'install:spotify', 'install'),
  en('pls reboot LAPTOP-MARTA asap', 'action:restart', 'device', { device: 'laptop' }),
  en('My password expired', 'action:reset_password', 'plain'),
  en('the printer prints faded streaky pages', 'kb', 'kb', { article: 'Faded or streaky prints' }),
  en('I dropped my laptop and now the hinge is broken', 'ticket:damage', 'damage'),
  en('is there any news on ticket 4711?', 'ticket_status', 'ticket-status'),
  fr('Mon ordi rame énormément, tu peux le redémarrer ?', 'action:restart', 'symptom-request'),
  fr('Teams se ferme tout seul', 'kb', 'confusable'),
  fr('Installez-moi Zoom sur le portable svp', 'install:zoom', 'install', { device: 'laptop' }),
  fr('J’aimerais avoir VLC', 'install:vlc', 'install'),
  fr('Comment partager mon calendrier ?', 'kb', 'kb', { article: 'Share your calendar' }),
  fr('J’ai fait tomber mon portable par terre', 'ticket:damage', 'damage'),
  fr('Y a-t-il du nouveau sur ma demande ?', 'ticket_status', 'ticket-status'),
  fr('Pouvez-vous verouiller mon ordinateur', 'action:lock', 'typo'),
  de('Guten Morgen, mein Rechner ist total langsam, bitte starten Sie ihn neu', 'action:restart', 'symptom-request'),
  de('Teams stürzt dauernd ab', 'kb', 'kb'),
  de('Ich brauche VLC auf dem Laptop', 'install:vlc', 'install', { device: 'laptop' }),
  de('Wie füge ich einen Netzwerkdrucker hinzu?', 'kb', 'kb', { article: 'Add a network printer' }),
  de('Mein Laptop ist runtergefallen', 'ticket:damage', 'damage'),
  de('Gibt es Neuigkeiten zu meinem Ticket?', 'ticket_status', 'ticket-status'),
  de('Schalt bitte den Rechner ab, ich bin schon weg', 'action:shutdown', 'separable-verb'),
  de('Kennwort abgelaufen, bitte zurücksetzen', 'action:reset_password', 'plain'),
  es('Buenos días, el ordenador va fatal, ¿lo puedes reiniciar?', 'action:restart', 'symptom-request'),
  es('Teams se cierra todo el rato', 'kb', 'confusable'),
  es('¿Me instalas Slack?', 'install:slack', 'install'),
  es('Necesito el lector de PDF', 'install:acrobat-reader', 'install'),
  es('El wifi va muy lento', 'kb', 'kb', { article: 'Slow Wi-Fi' }),
  es('Se me cayó el portátil al suelo', 'ticket:damage', 'damage'),
  es('¿Hay novedades de mi solicitud?', 'ticket_status', 'ticket-status'),
  es('bloquea el portatil porfa', 'action:lock', 'no-accents', { device: 'laptop' }),
  it('Buongiorno, il computer è lentissimo, me lo riavvii?', 'action:restart', 'symptom-request'),
  it('Teams si chiude da solo', 'kb', 'confusable'),
  it('Mi installi Slack per favore?', 'install:slack', 'install'),
  it('Vorrei avere VLC sul portatile', 'install:vlc', 'install', { device: 'laptop' }),
  it('Come condivido il calendario?', 'kb', 'kb', { article: 'Share your calendar' }),
  it('Mi è caduto il portatile per terra', 'ticket:damage', 'damage'),
  it('Ci sono novità sulla mia segnalazione?', 'ticket_status', 'ticket-status'),
  it('La password è scaduta', 'action:reset_password', 'plain'),
];
