/**
 * Words the generated articles are made of, per language: IT-support vocabulary (with some
 * inflected forms, so stemming has work to do) and everyday words. Real words, so each
 * language's stemmer and stop-word list behave as on real articles.
 */
export const VOCABULARY: Record<'en' | 'fr' | 'de' | 'es' | 'it', string[]> = {
  en: (
    'printer printers printing scanner scan network networks wifi cable router password passwords account accounts locked reset email emails mailbox ' +
    'outlook calendar meeting laptop laptops battery screen monitor keyboard mouse update updates install installed software licence server servers ' +
    'backup restore file files folder shared drive vpn connection disconnects slow error message restart reboot settings phone mobile teams ' +
    'the a and to of in for on with your you it is this that when if then check open choose click select new old team office user users'
  ).split(' '),
  fr: (
    'imprimante imprimantes impression scanner numérisation réseau réseaux wifi câble routeur mot passe comptes compte bloqué réinitialiser messagerie ' +
    'courriel boîte agenda réunion portable portables batterie écran écrans clavier souris mise jour installer installé logiciel licence serveur ' +
    'sauvegarde restaurer fichier fichiers dossier lecteur partagé vpn connexion déconnecte lent erreur redémarrer paramètres téléphone mobile équipe ' +
    'le la les un une des et à de du dans pour sur avec votre vous il est ce cette quand si puis vérifiez ouvrez choisissez cliquez nouveau bureau utilisateur'
  ).split(' '),
  de: (
    'Drucker Druckers Drucken Scanner Scannen Netzwerk Netzwerke WLAN Kabel Router Passwort Passwörter Konto Konten gesperrt zurücksetzen E-Mail Postfach ' +
    'Outlook Kalender Besprechung Laptop Laptops Akku Bildschirm Monitor Tastatur Maus Update Updates installieren installiert Software Lizenz Server ' +
    'Sicherung wiederherstellen Datei Dateien Ordner Laufwerk freigegeben VPN Verbindung getrennt langsam Fehler Neustart Einstellungen Telefon Handy Team ' +
    'der die das ein eine und zu von in für auf mit Ihr Sie es ist dieser wenn dann prüfen öffnen wählen klicken neu alt Büro Benutzer'
  ).split(' '),
  es: (
    'impresora impresoras impresión escáner escanear red redes wifi cable router contraseña contraseñas cuenta cuentas bloqueada restablecer correo buzón ' +
    'outlook calendario reunión portátil portátiles batería pantalla monitor teclado ratón actualización actualizaciones instalar instalado programa licencia servidor ' +
    'copia restaurar archivo archivos carpeta unidad compartida vpn conexión desconecta lenta error reiniciar configuración teléfono móvil equipo ' +
    'el la los las un una y a de del en para con su usted es este esta cuando si luego compruebe abra elija haga clic nuevo oficina usuario'
  ).split(' '),
  it: (
    'stampante stampanti stampa scanner scansione rete reti wifi cavo router password account bloccato reimpostare posta casella ' +
    'outlook calendario riunione portatile portatili batteria schermo monitor tastiera mouse aggiornamento aggiornamenti installare installato software licenza server ' +
    'backup ripristinare file cartella unità condivisa vpn connessione disconnette lento errore riavviare impostazioni telefono cellulare squadra ' +
    'il lo la i gli le un una e a di del in per su con tuo tu è questo questa quando se poi controlla apri scegli clicca nuovo ufficio utente'
  ).split(' '),
};
