/**
 * SS-5: the shipped starter list of common business software an admin may add to the
 * catalogue. [key, name, category, chocolatey id, homebrew (formula: or cask:), winget id].
 */
type Entry = readonly [string, string, string, string | null, string | null, string | null];

const ENTRIES: readonly Entry[] = [
  ['chrome', 'Google Chrome', 'browser', 'googlechrome', 'cask:google-chrome', 'Google.Chrome'],
  ['firefox', 'Mozilla Firefox', 'browser', 'firefox', 'cask:firefox', 'Mozilla.Firefox'],
  ['edge', 'Microsoft Edge', 'browser', 'microsoft-edge', 'cask:microsoft-edge', 'Microsoft.Edge'],
  ['brave', 'Brave', 'browser', 'brave', 'cask:brave-browser', 'Brave.Brave'],
  ['7zip', '7-Zip', 'utility', '7zip', 'formula:sevenzip', '7zip.7zip'],
  ['keka', 'Keka', 'utility', null, 'cask:keka', null],
  ['notepadpp', 'Notepad++', 'editor', 'notepadplusplus', null, 'Notepad++.Notepad++'],
  ['vscode', 'Visual Studio Code', 'editor', 'vscode', 'cask:visual-studio-code', 'Microsoft.VisualStudioCode'],
  ['sublime', 'Sublime Text', 'editor', 'sublimetext4', 'cask:sublime-text', 'SublimeHQ.SublimeText.4'],
  ['acrobat-reader', 'Adobe Acrobat Reader', 'documents', 'adobereader', 'cask:adobe-acrobat-reader', 'Adobe.Acrobat.Reader.64-bit'],
  ['foxit', 'Foxit PDF Reader', 'documents', 'foxitreader', 'cask:foxit-pdf-reader', 'Foxit.FoxitReader'],
  ['libreoffice', 'LibreOffice', 'documents', 'libreoffice-fresh', 'cask:libreoffice', 'TheDocumentFoundation.LibreOffice'],
  ['office365', 'Microsoft 365 Apps', 'documents', 'office365business', 'cask:microsoft-office', 'Microsoft.Office'],
  ['onlyoffice', 'ONLYOFFICE Desktop', 'documents', 'onlyoffice', 'cask:onlyoffice', 'ONLYOFFICE.DesktopEditors'],
  ['teams', 'Microsoft Teams', 'communication', 'microsoft-teams-new-bootstrapper', 'cask:microsoft-teams', 'Microsoft.Teams'],
  ['zoom', 'Zoom Workplace', 'communication', 'zoom', 'cask:zoom', 'Zoom.Zoom'],
  ['slack', 'Slack', 'communication', 'slack', 'cask:slack', 'SlackTechnologies.Slack'],
  ['webex', 'Webex', 'communication', 'webex', 'cask:webex', 'Cisco.Webex'],
  ['skype', 'Skype', 'communication', 'skype', 'cask:skype', 'Microsoft.Skype'],
  ['thunderbird', 'Mozilla Thunderbird', 'communication', 'thunderbird', 'cask:thunderbird', 'Mozilla.Thunderbird'],
  ['signal', 'Signal', 'communication', 'signal', 'cask:signal', 'OpenWhisperSystems.Signal'],
  ['whatsapp', 'WhatsApp', 'communication', 'whatsapp', 'cask:whatsapp', '9NKSQGP7F2NH'],
  ['telegram', 'Telegram Desktop', 'communication', 'telegram', 'cask:telegram', 'Telegram.TelegramDesktop'],
  ['anydesk', 'AnyDesk', 'remote', 'anydesk', 'cask:anydesk', 'AnyDeskSoftwareGmbH.AnyDesk'],
  ['teamviewer', 'TeamViewer', 'remote', 'teamviewer', 'cask:teamviewer', 'TeamViewer.TeamViewer'],
  ['rustdesk', 'RustDesk', 'remote', 'rustdesk', 'cask:rustdesk', 'RustDesk.RustDesk'],
  ['onedrive', 'Microsoft OneDrive', 'storage', 'onedrive', 'cask:onedrive', 'Microsoft.OneDrive'],
  ['dropbox', 'Dropbox', 'storage', 'dropbox', 'cask:dropbox', 'Dropbox.Dropbox'],
  ['google-drive', 'Google Drive', 'storage', 'googledrive', 'cask:google-drive', 'Google.GoogleDrive'],
  ['nextcloud', 'Nextcloud Desktop', 'storage', 'nextcloud-client', 'cask:nextcloud', 'Nextcloud.NextcloudDesktop'],
  ['filezilla', 'FileZilla', 'storage', 'filezilla', 'cask:filezilla', 'TimKosse.FileZilla.Client'],
  ['winscp', 'WinSCP', 'storage', 'winscp', null, 'WinSCP.WinSCP'],
  ['cyberduck', 'Cyberduck', 'storage', 'cyberduck', 'cask:cyberduck', 'Iterate.Cyberduck'],
  ['keepassxc', 'KeePassXC', 'security', 'keepassxc', 'cask:keepassxc', 'KeePassXCTeam.KeePassXC'],
  ['bitwarden', 'Bitwarden', 'security', 'bitwarden', 'cask:bitwarden', 'Bitwarden.Bitwarden'],
  ['1password', '1Password', 'security', '1password', 'cask:1password', 'AgileBits.1Password'],
  ['veracrypt', 'VeraCrypt', 'security', 'veracrypt', 'cask:veracrypt', 'IDRIX.VeraCrypt'],
  ['openvpn', 'OpenVPN Connect', 'network', 'openvpn-connect', 'cask:openvpn-connect', 'OpenVPNTechnologies.OpenVPNConnect'],
  ['wireguard', 'WireGuard', 'network', 'wireguard', 'formula:wireguard-tools', 'WireGuard.WireGuard'],
  ['forticlient', 'FortiClient VPN', 'network', 'forticlientvpn', 'cask:forticlient-vpn', 'Fortinet.FortiClientVPN'],
  ['putty', 'PuTTY', 'network', 'putty', 'formula:putty', 'PuTTY.PuTTY'],
  ['wireshark', 'Wireshark', 'network', 'wireshark', 'cask:wireshark', 'WiresharkFoundation.Wireshark'],
  ['vlc', 'VLC media player', 'media', 'vlc', 'cask:vlc', 'VideoLAN.VLC'],
  ['spotify', 'Spotify', 'media', 'spotify', 'cask:spotify', 'Spotify.Spotify'],
  ['audacity', 'Audacity', 'media', 'audacity', 'cask:audacity', 'Audacity.Audacity'],
  ['obs', 'OBS Studio', 'media', 'obs-studio', 'cask:obs', 'OBSProject.OBSStudio'],
  ['gimp', 'GIMP', 'graphics', 'gimp', 'cask:gimp', 'GIMP.GIMP'],
  ['inkscape', 'Inkscape', 'graphics', 'inkscape', 'cask:inkscape', 'Inkscape.Inkscape'],
  ['paintnet', 'Paint.NET', 'graphics', 'paint.net', null, 'dotPDN.PaintDotNet'],
  ['greenshot', 'Greenshot', 'graphics', 'greenshot', null, 'Greenshot.Greenshot'],
  ['sharex', 'ShareX', 'graphics', 'sharex', null, 'ShareX.ShareX'],
  ['drawio', 'draw.io', 'graphics', 'drawio', 'cask:drawio', 'JGraph.Draw'],
  ['git', 'Git', 'developer', 'git', 'formula:git', 'Git.Git'],
  ['python', 'Python 3', 'developer', 'python', 'formula:python@3.12', 'Python.Python.3.12'],
  ['nodejs', 'Node.js LTS', 'developer', 'nodejs-lts', 'formula:node', 'OpenJS.NodeJS.LTS'],
  ['java', 'Eclipse Temurin JRE', 'runtime', 'temurin21jre', 'cask:temurin', 'EclipseAdoptium.Temurin.21.JRE'],
  ['dotnet', '.NET Desktop Runtime', 'runtime', 'dotnet-desktopruntime', null, 'Microsoft.DotNet.DesktopRuntime.8'],
  ['powertoys', 'Microsoft PowerToys', 'utility', 'powertoys', null, 'Microsoft.PowerToys'],
  ['everything', 'Everything search', 'utility', 'everything', null, 'voidtools.Everything'],
  ['rectangle', 'Rectangle', 'utility', null, 'cask:rectangle', null],
  ['treesize', 'TreeSize Free', 'utility', 'treesizefree', null, 'JAMSoftware.TreeSize.Free'],
  ['malwarebytes', 'Malwarebytes', 'security', 'malwarebytes', 'cask:malwarebytes', 'Malwarebytes.Malwarebytes'],
  ['notion', 'Notion', 'productivity', 'notion', 'cask:notion', 'Notion.Notion'],
  ['evernote', 'Evernote', 'productivity', 'evernote', 'cask:evernote', 'Evernote.Evernote'],
  ['obsidian', 'Obsidian', 'productivity', 'obsidian', 'cask:obsidian', 'Obsidian.Obsidian'],
];

/**
 * Other names contacts use for a starter package (SS-5, AI-5a): the assistant matches a request
 * by name, alias or a typo of either. The admin may edit them per catalogue package.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  chrome: ['chrome', 'google chrome', 'chrome browser'],
  firefox: ['firefox', 'mozilla', 'firefox browser'],
  edge: ['edge', 'ms edge', 'edge browser'],
  brave: ['brave browser'],
  '7zip': ['7zip', '7 zip', 'seven zip', 'sevenzip'],
  notepadpp: ['notepad++', 'notepad plus plus', 'notepadpp', 'notepad'],
  vscode: ['vscode', 'vs code', 'visual studio code'],
  sublime: ['sublime', 'sublime text'],
  'acrobat-reader': ['acrobat', 'acrobat reader', 'adobe reader', 'pdf reader', 'adobe acrobat', 'adobe pdf', 'lettore pdf', 'lecteur pdf', 'lector pdf'],
  foxit: ['foxit', 'foxit reader'],
  libreoffice: ['libre office', 'open office', 'openoffice'],
  office365: ['office', 'office 365', 'microsoft office', 'ms office', 'word', 'excel', 'powerpoint', 'outlook', 'm365', 'microsoft 365'],
  onlyoffice: ['only office'],
  teams: ['teams', 'ms teams', 'microsoft teams'],
  zoom: ['zoom', 'zoom meetings'],
  webex: ['cisco webex', 'webex meetings'],
  thunderbird: ['thunderbird'],
  telegram: ['telegram'],
  anydesk: ['any desk'],
  teamviewer: ['team viewer'],
  onedrive: ['onedrive', 'one drive'],
  'google-drive': ['google drive', 'gdrive'],
  nextcloud: ['nextcloud'],
  keepassxc: ['keepass', 'keepass xc'],
  '1password': ['1password', 'one password'],
  openvpn: ['openvpn', 'open vpn'],
  forticlient: ['forticlient', 'forti client', 'fortinet vpn', 'forti vpn'],
  vlc: ['vlc', 'vlc player'],
  obs: ['obs', 'obs studio'],
  paintnet: ['paint.net', 'paint net', 'paintdotnet'],
  drawio: ['draw.io', 'draw io', 'drawio', 'diagrams.net'],
  python: ['python', 'python3', 'python 3'],
  nodejs: ['node', 'nodejs', 'node.js'],
  java: ['java', 'jre', 'temurin', 'java runtime'],
  dotnet: ['.net', 'dotnet', '.net runtime', 'dotnet runtime'],
  powertoys: ['powertoys', 'power toys'],
  everything: ['everything search', 'voidtools everything'],
  treesize: ['treesize', 'tree size'],
};

export interface StarterPackage {
  key: string;
  name: string;
  category: string;
  chocolateyId: string | null;
  homebrewFormula: string | null;
  homebrewCask: string | null;
  wingetId: string | null;
  aliases: string[];
}

export const STARTER_PACKAGES: readonly StarterPackage[] = ENTRIES.map(([key, name, category, choco, brew, winget]) => ({
  key,
  name,
  category,
  chocolateyId: choco,
  homebrewFormula: brew?.startsWith('formula:') ? brew.slice(8) : null,
  homebrewCask: brew?.startsWith('cask:') ? brew.slice(5) : null,
  wingetId: winget,
  aliases: [...(ALIASES[key] ?? [])],
}));
