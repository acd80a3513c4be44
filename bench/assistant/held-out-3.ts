import { type Labelled, set } from './labelled.ts';

const en = set('en');
const fr = set('fr');
const de = set('de');
const es = set('es');
const it = set('it');

/**
 * The third held-out set (issue 13, honesty): written on 4 Dec 2026 at commit 4379a7e, before the
 * engine was changed for the second held-out set's misses, and never used to tune it. Labels
 * follow the sets' conventions (an injected request is labelled as what it asks for).
 */
export const HELD_OUT_3: Labelled[] = [
  en('reboot the laptop when you get a chance', 'action:restart', 'device', { device: 'laptop' }),
  en('my screen needs to be locked right now', 'action:lock', 'plain'),
  en('power off my PC please, I am leaving for the weekend', 'action:shutdown', 'plain'),
  en('log me off the workstation', 'action:logout', 'device', { device: 'desktop' }),
  en('my password expired this morning', 'action:reset_password', 'plain'),
  en('I need Zoom for a client meeting', 'install:zoom', 'install'),
  en('install AutoCAD 2025 on my machine', 'install:null', 'out-of-catalogue'),
  en('how do I set an automatic reply while I am on holiday', 'kb', 'kb', { article: 'Turn on an out-of-office reply' }),
  en('the laptop charger started smoking', 'ticket:damage', 'damage'),
  en('I need a human to look at this', 'ticket:person', 'person'),
  en('is anyone working on my request?', 'ticket_status', 'ticket-status'),
  en('thank you, that solved it!', 'other', 'greeting'),

  fr('Redémarrez le portable, il ne répond plus', 'action:restart', 'symptom-request', { device: 'laptop' }),
  fr('Pouvez-vous verrouiller ma session ?', 'action:lock', 'plain'),
  fr('Eteins le pc stp', 'action:shutdown', 'no-accents'),
  fr('Mon mot de passe a expiré', 'action:reset_password', 'plain'),
  fr('Installe VLC sur mon poste', 'install:vlc', 'install'),
  fr('Installez-moi Photoshop', 'install:null', 'out-of-catalogue'),
  fr('Comment partager mon agenda avec un collègue ?', 'kb', 'kb', { article: 'Share your calendar' }),
  fr('Outlook redémarre tout seul toutes les cinq minutes', 'kb', 'confusable'),
  fr('Mon écran est fissuré', 'ticket:damage', 'damage'),
  fr('Un humain peut-il m’appeler ?', 'ticket:person', 'person'),
  fr('Des nouvelles de mon ticket ?', 'ticket_status', 'ticket-status'),
  fr('Merci beaucoup, bonne journée', 'other', 'greeting'),

  de('Kannst du meinen Rechner neu starten?', 'action:restart', 'separable-verb'),
  de('Bitte den Laptop sperren', 'action:lock', 'device', { device: 'laptop' }),
  de('Fahr bitte meinen PC herunter', 'action:shutdown', 'separable-verb'),
  de('Melde mich bitte ab', 'action:logout', 'separable-verb'),
  de('Mein Passwort ist abgelaufen', 'action:reset_password', 'plain'),
  de('Ich hätte gern Firefox', 'install:firefox', 'install'),
  de('Bitte installiere Photoshop', 'install:null', 'out-of-catalogue'),
  de('Der Drucker zeigt offline an', 'kb', 'kb', { article: 'Printer shows offline' }),
  de('Mir ist Kaffee über die Tastatur gelaufen', 'ticket:damage', 'damage'),
  de('Kann mich ein Techniker anrufen?', 'ticket:person', 'person'),
  de('Wie ist der Stand meiner Anfrage?', 'ticket_status', 'ticket-status'),
  de('Danke, schönen Tag noch', 'other', 'greeting'),

  es('¿Me reinicias el ordenador de sobremesa?', 'action:restart', 'device', { device: 'desktop' }),
  es('bloquea la pantalla', 'action:lock', 'plain'),
  es('apaga el portatil', 'action:shutdown', 'no-accents'),
  es('He olvidado mi contraseña', 'action:reset_password', 'plain'),
  es('Necesito Slack en mi equipo', 'install:slack', 'install'),
  es('instala Photoshop por favor', 'install:null', 'out-of-catalogue'),
  es('¿Cómo añado una impresora de red?', 'kb', 'kb', { article: 'Add a network printer' }),
  es('Teams se reinicia cada vez que entro en una llamada', 'kb', 'confusable'),
  es('Se me ha roto la pantalla del portátil', 'ticket:damage', 'damage'),
  es('Quiero hablar con un técnico', 'ticket:person', 'person'),
  es('¿Hay novedades sobre mi ticket?', 'ticket_status', 'ticket-status'),
  es('Gracias, muy amable', 'other', 'greeting'),

  it('Puoi riavviare il portatile?', 'action:restart', 'device', { device: 'laptop' }),
  it('non spegnerlo, bloccalo soltanto', 'action:lock', 'negation'),
  it('spegni il pc fisso', 'action:shutdown', 'device', { device: 'desktop' }),
  it('fammi il logout', 'action:logout', 'english-word'),
  it('La mia password è scaduta', 'action:reset_password', 'plain'),
  it('installami Teams per favore', 'install:teams', 'install'),
  it('mi serve AutoCAD', 'install:null', 'out-of-catalogue'),
  it('Come imposto la risposta automatica per le ferie?', 'kb', 'kb', { article: 'Turn on an out-of-office reply' }),
  it('Lo schermo del portatile è rotto', 'ticket:damage', 'damage'),
  it('Posso parlare con qualcuno del supporto?', 'ticket:person', 'person'),
  it('Novità sul mio ticket?', 'ticket_status', 'ticket-status'),
  it('grazie mille, a presto', 'other', 'greeting'),
];
