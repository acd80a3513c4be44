import type { Language } from '@porta/contracts/common';

type Names = Record<Language, string>;
type Texts = Partial<Record<Language, [title: string, body: string]>>;

export interface DemoArticle {
  category: DemoCategoryKey;
  tags: string[];
  texts: Texts;
  /** Limited to this demo customer (KB-2 beyond). */
  onlyFor?: string;
}

export const DEMO_KB_CATEGORIES = {
  accounts: { en: 'Accounts and passwords', fr: 'Comptes et mots de passe', de: 'Konten und Passwörter', es: 'Cuentas y contraseñas', it: 'Account e password' },
  email: { en: 'E-mail and calendar', fr: 'Messagerie et agenda', de: 'E-Mail und Kalender', es: 'Correo y calendario', it: 'Posta e calendario' },
  printing: { en: 'Printing and scanning', fr: 'Impression et numérisation', de: 'Drucken und Scannen', es: 'Impresión y escaneo', it: 'Stampa e scansione' },
  network: { en: 'Network and VPN', fr: 'Réseau et VPN', de: 'Netzwerk und VPN', es: 'Red y VPN', it: 'Rete e VPN' },
  devices: { en: 'Computers and phones', fr: 'Ordinateurs et téléphones', de: 'Computer und Telefone', es: 'Ordenadores y teléfonos', it: 'Computer e telefoni' },
} satisfies Record<string, Names>;
export type DemoCategoryKey = keyof typeof DEMO_KB_CATEGORIES;

/** 30 articles in five categories; ten in all five languages, the rest in English plus one or two. */
export const DEMO_ARTICLES: DemoArticle[] = [
  {
    category: 'accounts',
    tags: ['password', 'self-service'],
    texts: {
      en: ['Reset your password', '## When to do it\nIf you forgot your password or it expired.\n\n1. Open the sign-in page and choose **Forgot password**.\n2. Enter your work e-mail address.\n3. Follow the link in the message within 15 minutes.'],
      fr: ['Réinitialiser votre mot de passe', '## Quand le faire\nSi vous avez oublié votre mot de passe ou s’il a expiré.\n\n1. Ouvrez la page de connexion et choisissez **Mot de passe oublié**.\n2. Saisissez votre adresse e-mail professionnelle.\n3. Suivez le lien reçu dans les 15 minutes.'],
      de: ['Passwort zurücksetzen', '## Wann?\nWenn Sie Ihr Passwort vergessen haben oder es abgelaufen ist.\n\n1. Öffnen Sie die Anmeldeseite und wählen Sie **Passwort vergessen**.\n2. Geben Sie Ihre geschäftliche E-Mail-Adresse ein.\n3. Folgen Sie dem Link in der Nachricht innerhalb von 15 Minuten.'],
      es: ['Restablecer su contraseña', '## Cuándo hacerlo\nSi olvidó su contraseña o ha caducado.\n\n1. Abra la página de inicio de sesión y elija **Olvidé mi contraseña**.\n2. Escriba su correo electrónico del trabajo.\n3. Siga el enlace del mensaje en menos de 15 minutos.'],
      it: ['Reimpostare la password', '## Quando farlo\nSe hai dimenticato la password o è scaduta.\n\n1. Apri la pagina di accesso e scegli **Password dimenticata**.\n2. Inserisci il tuo indirizzo e-mail di lavoro.\n3. Segui il link ricevuto entro 15 minuti.'],
    },
  },
  {
    category: 'accounts',
    tags: ['mfa', 'security'],
    texts: {
      en: ['Set up two-step verification', 'Install an authenticator app on your phone, then open **Security info** in your account and scan the QR code. Keep the recovery codes somewhere safe.'],
      fr: ['Activer la vérification en deux étapes', 'Installez une application d’authentification sur votre téléphone, puis ouvrez **Informations de sécurité** dans votre compte et scannez le QR code. Conservez les codes de récupération en lieu sûr.'],
      de: ['Zweistufige Überprüfung einrichten', 'Installieren Sie eine Authenticator-App auf Ihrem Telefon, öffnen Sie **Sicherheitsinformationen** in Ihrem Konto und scannen Sie den QR-Code. Bewahren Sie die Wiederherstellungscodes sicher auf.'],
      es: ['Configurar la verificación en dos pasos', 'Instale una aplicación de autenticación en su teléfono, abra **Información de seguridad** en su cuenta y escanee el código QR. Guarde los códigos de recuperación en un lugar seguro.'],
      it: ['Configurare la verifica in due passaggi', 'Installa un’app di autenticazione sul telefono, apri **Informazioni di sicurezza** nel tuo account e scansiona il codice QR. Conserva i codici di recupero in un luogo sicuro.'],
    },
  },
  {
    category: 'accounts',
    tags: ['account', 'locked'],
    texts: {
      en: ['My account is locked', 'After five wrong passwords the account locks for 15 minutes. Wait, then sign in again, or open a ticket if you need access now.'],
      it: ['Il mio account è bloccato', 'Dopo cinque password errate l’account si blocca per 15 minuti. Attendi e riprova, oppure apri un ticket se ti serve l’accesso subito.'],
    },
  },
  {
    category: 'accounts',
    tags: ['password', 'policy'],
    texts: {
      en: ['Choose a strong password', 'Use a sentence of four or more words. Never reuse your work password elsewhere; a password manager helps.'],
      fr: ['Choisir un mot de passe solide', 'Utilisez une phrase de quatre mots ou plus. Ne réutilisez jamais votre mot de passe professionnel ailleurs ; un gestionnaire de mots de passe aide.'],
    },
  },
  {
    category: 'accounts',
    tags: ['new starter'],
    texts: {
      en: ['Accounts for a new colleague', 'Ask your primary contact to open a ticket one week before the start date with name, role, and the equipment needed.'],
      de: ['Konten für neue Kollegen', 'Bitten Sie Ihren Hauptansprechpartner, eine Woche vor dem Starttermin ein Ticket mit Name, Rolle und benötigter Ausstattung zu eröffnen.'],
    },
  },
  {
    category: 'accounts',
    tags: ['leaver'],
    texts: { en: ['When someone leaves the company', 'Tell us the last working day. We block the account at 18:00 that day and keep the mailbox for 30 days.'] },
  },
  {
    category: 'email',
    tags: ['outlook', 'mobile'],
    texts: {
      en: ['Add your work e-mail to your phone', 'Install the **Outlook** app, sign in with your work address and approve the request in your authenticator app.'],
      fr: ['Ajouter la messagerie professionnelle sur votre téléphone', 'Installez l’application **Outlook**, connectez-vous avec votre adresse professionnelle et approuvez la demande dans votre application d’authentification.'],
      de: ['Geschäftliche E-Mails auf dem Telefon einrichten', 'Installieren Sie die App **Outlook**, melden Sie sich mit Ihrer geschäftlichen Adresse an und bestätigen Sie die Anfrage in Ihrer Authenticator-App.'],
      es: ['Añadir el correo del trabajo al teléfono', 'Instale la aplicación **Outlook**, inicie sesión con su dirección del trabajo y apruebe la solicitud en su aplicación de autenticación.'],
      it: ['Aggiungere la posta di lavoro al telefono', 'Installa l’app **Outlook**, accedi con l’indirizzo di lavoro e approva la richiesta nell’app di autenticazione.'],
    },
  },
  {
    category: 'email',
    tags: ['outlook', 'out of office'],
    texts: {
      en: ['Turn on an out-of-office reply', 'In Outlook choose **File › Automatic replies**, write your message and set the dates.'],
      es: ['Activar la respuesta automática de ausencia', 'En Outlook elija **Archivo › Respuestas automáticas**, escriba su mensaje y fije las fechas.'],
      fr: ['Activer une réponse d’absence', 'Dans Outlook, choisissez **Fichier › Réponses automatiques**, rédigez votre message et fixez les dates.'],
      de: ['Abwesenheitsnotiz einschalten', 'Wählen Sie in Outlook **Datei › Automatische Antworten**, schreiben Sie Ihre Nachricht und legen Sie die Daten fest.'],
      it: ['Attivare la risposta automatica di assenza', 'In Outlook scegli **File › Risposte automatiche**, scrivi il messaggio e imposta le date.'],
    },
  },
  {
    category: 'email',
    tags: ['phishing', 'security'],
    texts: {
      en: ['Report a suspicious e-mail', 'Do not click links or open attachments. Use the **Report phishing** button in Outlook, then delete the message.'],
      fr: ['Signaler un e-mail suspect', 'Ne cliquez sur aucun lien et n’ouvrez aucune pièce jointe. Utilisez le bouton **Signaler un hameçonnage** dans Outlook, puis supprimez le message.'],
      de: ['Verdächtige E-Mail melden', 'Klicken Sie keine Links an und öffnen Sie keine Anhänge. Nutzen Sie in Outlook die Schaltfläche **Phishing melden** und löschen Sie die Nachricht.'],
      es: ['Informar de un correo sospechoso', 'No haga clic en enlaces ni abra adjuntos. Use el botón **Notificar phishing** de Outlook y elimine el mensaje.'],
      it: ['Segnalare un’e-mail sospetta', 'Non cliccare sui link e non aprire gli allegati. Usa il pulsante **Segnala phishing** in Outlook, poi elimina il messaggio.'],
    },
  },
  {
    category: 'email',
    tags: ['mailbox', 'storage'],
    texts: {
      en: ['Mailbox almost full', 'Empty **Deleted items**, then sort by size and archive large attachments to OneDrive.'],
      it: ['Casella di posta quasi piena', 'Svuota **Posta eliminata**, poi ordina per dimensione e archivia gli allegati grandi su OneDrive.'],
    },
  },
  {
    category: 'email',
    tags: ['calendar', 'sharing'],
    texts: { en: ['Share your calendar', 'In Outlook right-click your calendar, choose **Sharing permissions** and add colleagues.'], de: ['Kalender freigeben', 'Klicken Sie in Outlook mit der rechten Maustaste auf Ihren Kalender, wählen Sie **Freigabeberechtigungen** und fügen Sie Kollegen hinzu.'] },
  },
  {
    category: 'email',
    tags: ['signature'],
    texts: { en: ['Update your e-mail signature', 'Signatures are set centrally. Open a ticket with the new job title or phone number and we update it within a day.'] },
  },
  {
    category: 'printing',
    tags: ['printer', 'offline'],
    texts: {
      en: ['Printer shows offline', '## Try this first\n1. Check that the printer is on and shows no error.\n2. Restart the **print spooler**: open *Services*, find *Print Spooler*, choose *Restart*.\n3. Remove the printer and add it again.\n\nStill offline? Open a ticket with the printer name.'],
      fr: ['L’imprimante est hors ligne', '## À essayer d’abord\n1. Vérifiez que l’imprimante est allumée et sans erreur.\n2. Redémarrez le **spouleur d’impression** : ouvrez *Services*, trouvez *Spouleur d’impression*, choisissez *Redémarrer*.\n3. Supprimez l’imprimante puis ajoutez-la à nouveau.'],
      de: ['Drucker ist offline', '## Zuerst versuchen\n1. Prüfen Sie, ob der Drucker eingeschaltet ist und keinen Fehler zeigt.\n2. Starten Sie die **Druckwarteschlange** neu: *Dienste* öffnen, *Druckwarteschlange* suchen, *Neu starten* wählen.\n3. Entfernen Sie den Drucker und fügen Sie ihn erneut hinzu.'],
      es: ['La impresora aparece desconectada', '## Pruebe primero\n1. Compruebe que la impresora está encendida y sin errores.\n2. Reinicie la **cola de impresión**: abra *Servicios*, busque *Cola de impresión* y elija *Reiniciar*.\n3. Quite la impresora y vuelva a añadirla.'],
      it: ['La stampante risulta offline', '## Prova prima questo\n1. Verifica che la stampante sia accesa e senza errori.\n2. Riavvia lo **spooler di stampa**: apri *Servizi*, trova *Spooler di stampa*, scegli *Riavvia*.\n3. Rimuovi la stampante e aggiungila di nuovo.'],
    },
  },
  {
    category: 'printing',
    tags: ['printer', 'paper jam'],
    texts: {
      en: ['Clear a paper jam', 'Open the front door and tray 2, pull the sheet out slowly in the direction of the paper path, close everything and print a test page.'],
      fr: ['Retirer un bourrage papier', 'Ouvrez la porte avant et le bac 2, tirez doucement la feuille dans le sens du papier, refermez et imprimez une page de test.'],
      de: ['Papierstau beheben', 'Öffnen Sie die vordere Klappe und Fach 2, ziehen Sie das Blatt langsam in Papierrichtung heraus, schließen Sie alles und drucken Sie eine Testseite.'],
      es: ['Eliminar un atasco de papel', 'Abra la puerta frontal y la bandeja 2, tire despacio de la hoja en el sentido del papel, cierre todo e imprima una página de prueba.'],
      it: ['Eliminare un inceppamento della carta', 'Apri lo sportello anteriore e il cassetto 2, estrai lentamente il foglio nel verso della carta, richiudi e stampa una pagina di prova.'],
    },
  },
  {
    category: 'printing',
    tags: ['scanner', 'scan to e-mail'],
    texts: {
      en: ['Scan to e-mail', 'On the printer panel choose **Scan › E-mail**, pick your name from the address book and press Start. The PDF arrives within a minute.'],
      it: ['Scansione verso e-mail', 'Sul pannello della stampante scegli **Scansione › E-mail**, seleziona il tuo nome dalla rubrica e premi Avvio. Il PDF arriva entro un minuto.'],
      fr: ['Numériser vers e-mail', 'Sur le panneau de l’imprimante, choisissez **Numériser › E-mail**, sélectionnez votre nom dans le carnet d’adresses et appuyez sur Démarrer.'],
    },
  },
  {
    category: 'printing',
    tags: ['toner'],
    texts: { en: ['Order toner', 'Open a ticket of type *Request* with the printer model and the colour needed. Cartridges arrive in two working days.'], es: ['Pedir tóner', 'Abra un ticket de tipo *Solicitud* con el modelo de impresora y el color necesario. Los cartuchos llegan en dos días laborables.'] },
  },
  {
    category: 'printing',
    tags: ['printer', 'new'],
    texts: { en: ['Add a network printer', 'Open **Settings › Printers & scanners**, choose *Add device* and pick the printer by its name on the label.'], de: ['Netzwerkdrucker hinzufügen', 'Öffnen Sie **Einstellungen › Drucker & Scanner**, wählen Sie *Gerät hinzufügen* und den Drucker nach dem Namen auf dem Etikett.'] },
  },
  {
    category: 'printing',
    tags: ['printer', 'quality'],
    texts: { en: ['Faded or streaky prints', 'Run **Clean print head** from the printer menu twice. If streaks remain, the toner is nearly empty.'] },
  },
  {
    category: 'network',
    tags: ['vpn'],
    texts: {
      en: ['Connect to the VPN', 'Open the VPN client, choose the **Office** profile and sign in with your work account. The shield icon turns green when connected.'],
      fr: ['Se connecter au VPN', 'Ouvrez le client VPN, choisissez le profil **Bureau** et connectez-vous avec votre compte professionnel. L’icône devient verte une fois connecté.'],
      de: ['Mit dem VPN verbinden', 'Öffnen Sie den VPN-Client, wählen Sie das Profil **Büro** und melden Sie sich mit Ihrem Geschäftskonto an. Das Symbol wird grün, sobald die Verbindung steht.'],
      es: ['Conectarse a la VPN', 'Abra el cliente VPN, elija el perfil **Oficina** e inicie sesión con su cuenta del trabajo. El icono se vuelve verde al conectarse.'],
      it: ['Connettersi alla VPN', 'Apri il client VPN, scegli il profilo **Ufficio** e accedi con l’account di lavoro. L’icona diventa verde quando sei connesso.'],
    },
  },
  {
    category: 'network',
    tags: ['vpn', 'disconnects'],
    texts: {
      en: ['VPN keeps disconnecting', 'Switch from Wi-Fi to a cable if you can, update the VPN client, and disable power saving for the network adapter.'],
      it: ['La VPN si disconnette spesso', 'Se puoi passa dal Wi-Fi al cavo, aggiorna il client VPN e disattiva il risparmio energetico della scheda di rete.'],
    },
  },
  {
    category: 'network',
    tags: ['wi-fi', 'guest'],
    texts: {
      en: ['Guest Wi-Fi for visitors', 'Visitors join **Guest**; the password of the week is shown on the screen at reception.'],
      fr: ['Wi-Fi invités', 'Les visiteurs se connectent au réseau **Guest** ; le mot de passe de la semaine est affiché à l’accueil.'],
      es: ['Wi-Fi para visitas', 'Las visitas se conectan a **Guest**; la contraseña de la semana aparece en la pantalla de recepción.'],
    },
  },
  {
    category: 'network',
    tags: ['wi-fi', 'slow'],
    texts: { en: ['Slow Wi-Fi', 'Move closer to an access point, forget the network and join again. Large downloads are faster on a cable.'], de: ['Langsames WLAN', 'Gehen Sie näher an einen Access Point, entfernen Sie das Netzwerk und verbinden Sie sich neu. Große Downloads sind per Kabel schneller.'] },
  },
  {
    category: 'network',
    tags: ['shared drive'],
    texts: { en: ['Shared drive not visible', 'Connect to the VPN first when working from home, then sign out and in again so the drive letter is mapped.'], fr: ['Lecteur partagé invisible', 'En télétravail, connectez-vous d’abord au VPN, puis déconnectez-vous et reconnectez-vous pour que la lettre de lecteur soit attribuée.'] },
  },
  {
    category: 'network',
    tags: ['site', 'cabling'],
    onlyFor: 'Rossi Costruzioni S.r.l.',
    texts: {
      en: ['Construction site network kit', 'Each site kit has a 4G router and two access points. Plug the router in first and wait for the **green** light before powering the access points.'],
      it: ['Kit di rete per il cantiere', 'Ogni kit di cantiere contiene un router 4G e due access point. Collega prima il router e attendi la luce **verde** prima di accendere gli access point.'],
    },
  },
  {
    category: 'devices',
    tags: ['windows', 'updates'],
    texts: {
      en: ['Install Windows updates', 'Save your work, open **Settings › Windows Update** and choose *Restart now*. Updates install automatically on Friday evenings.'],
      fr: ['Installer les mises à jour Windows', 'Enregistrez votre travail, ouvrez **Paramètres › Windows Update** et choisissez *Redémarrer maintenant*. Les mises à jour s’installent automatiquement le vendredi soir.'],
      de: ['Windows-Updates installieren', 'Speichern Sie Ihre Arbeit, öffnen Sie **Einstellungen › Windows Update** und wählen Sie *Jetzt neu starten*. Updates werden freitagabends automatisch installiert.'],
      es: ['Instalar las actualizaciones de Windows', 'Guarde su trabajo, abra **Configuración › Windows Update** y elija *Reiniciar ahora*. Las actualizaciones se instalan solas los viernes por la tarde.'],
      it: ['Installare gli aggiornamenti di Windows', 'Salva il lavoro, apri **Impostazioni › Windows Update** e scegli *Riavvia ora*. Gli aggiornamenti si installano da soli il venerdì sera.'],
    },
  },
  {
    category: 'devices',
    tags: ['laptop', 'battery'],
    texts: {
      en: ['Laptop battery drains quickly', 'Lower the screen brightness, close browser tabs you do not need and choose the **Best battery** power mode.'],
      fr: ['La batterie du portable se vide vite', 'Baissez la luminosité, fermez les onglets inutiles et choisissez le mode **Meilleure autonomie**.'],
      de: ['Laptop-Akku ist schnell leer', 'Verringern Sie die Bildschirmhelligkeit, schließen Sie unnötige Browser-Tabs und wählen Sie den Energiemodus **Beste Akkuleistung**.'],
      es: ['La batería del portátil se agota rápido', 'Baje el brillo, cierre las pestañas que no necesite y elija el modo **Mejor batería**.'],
      it: ['La batteria del portatile si scarica in fretta', 'Riduci la luminosità, chiudi le schede del browser inutili e scegli la modalità **Massima durata della batteria**.'],
    },
  },
  {
    category: 'devices',
    tags: ['screen', 'monitor'],
    texts: {
      en: ['Second screen stays black', 'Check the cable at both ends, press **Windows + P** and choose *Extend*. Docking stations need their own power supply.'],
      fr: ['Le second écran reste noir', 'Vérifiez le câble aux deux extrémités, appuyez sur **Windows + P** et choisissez *Étendre*. Les stations d’accueil ont besoin de leur propre alimentation.'],
      it: ['Il secondo schermo resta nero', 'Controlla il cavo a entrambe le estremità, premi **Windows + P** e scegli *Estendi*. Le docking station richiedono un alimentatore proprio.'],
    },
  },
  {
    category: 'devices',
    tags: ['phone', 'lost'],
    texts: { en: ['Lost or stolen phone', 'Call us at once: we wipe company data remotely. Then change your password from another device.'], es: ['Teléfono perdido o robado', 'Llámenos de inmediato: borramos a distancia los datos de la empresa. Después cambie su contraseña desde otro dispositivo.'] },
  },
  {
    category: 'devices',
    tags: ['software', 'install'],
    texts: { en: ['Request new software', 'Open a ticket of type *Request* naming the program and why you need it. Approved software installs overnight.'], it: ['Richiedere un nuovo software', 'Apri un ticket di tipo *Richiesta* indicando il programma e il motivo. Il software approvato viene installato durante la notte.'] },
  },
  {
    category: 'devices',
    tags: ['slow', 'computer'],
    texts: {
      en: ['Computer is slow', 'Restart it (not just sleep), then check **Task Manager** for programs using a lot of memory.'],
      de: ['Computer ist langsam', 'Starten Sie ihn neu (nicht nur Energiesparmodus) und prüfen Sie im **Task-Manager**, welche Programme viel Speicher belegen.'],
    },
  },
];
